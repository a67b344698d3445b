package org.deq.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.deq.archive.Archive;
import org.deq.archive.Archives;
import org.deq.archive.BigEarthNetV1;
import org.deq.archive.BigEarthNetV2;
import org.deq.archive.PatchSource;
import org.deq.archive.SceneTiles;
import org.deq.archive.Ssl4eoS12;
import org.deq.describe.Descriptor;
import org.deq.describe.DescriptorSpecs;
import org.deq.eval.EvalProtocol;
import org.deq.hash.Encoders;
import org.deq.index.Distance;
import org.deq.ingest.Ingest;
import org.deq.io.FileTrees;
import org.deq.raster.BadInputException;
import org.deq.raster.Patch;
import org.deq.search.QueryByExample;
import org.deq.spark.ArchiveRef;
import org.deq.spark.SparkDescriber;
import org.deq.spec.EnumNames;
import org.deq.store.IndexStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code deq index}: builds an index of an archive, or adds an archive's new patches to an existing index. */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = {"Reads an archive, describes every patch and stores the descriptors and metadata in an index.",
                "Archive layouts: BigEarthNet v1 patch folders, BigEarthNet v2 tile/patch folders (+ metadata.parquet),",
                "Sentinel-2 or Sentinel-1 (VV, VH) alike; SSL4EO-S12 s2a, s2c or s1 folders (date folders of band files);",
                "folders of multi-band GeoTIFFs, class folders of PNG/JPEG/TIFF pictures (UC Merced style).",
                "If --out already holds an index, only patches whose ids it lacks are added (incremental).",
                "--hash adds binary codes for Hamming search (deq query/eval --search hamming|mih|two-stage), --multi-code a",
                "multi-code hashing model (--search multi-code).",
                "--tile SIZE cuts large GeoTIFF scenes (one file or a folder of them) into SIZE x SIZE patches.",
                "Bad patches are reported and skipped; the ingest never aborts for one file.",
                "--spark describes the patches on an Apache Spark cluster instead of local threads; the index is the same."})
final class IndexCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    @Option(names = "--archive", description = "Archive root folder (required, except to add --hash or --multi-code to an existing --out).")
    Path archive;

    @Option(names = "--labels", description = "UC Merced style multi-label file (LandUse_Multilabeled.txt) replacing folder labels.")
    Path labels;

    @Option(names = "--descriptor", description = {"Descriptor spec (see --list-descriptors); default for Sentinel-2 archives:",
            "  " + DescriptorSpecs.DEFAULT_S2, "for Sentinel-1 archives:", "  " + DescriptorSpecs.DEFAULT_S1,
            "and for RGB archives:", "  " + DescriptorSpecs.BEST_UNFITTED})
    String descriptor;

    @Option(names = "--list-descriptors", help = true, description = "List the descriptors and their parameters, then exit.")
    boolean listDescriptors;

    // L1 on square-rooted histogram parts beat L2 and chi-square on UC Merced (docs/descriptors.md) and on synthetic Sentinel-2
    @Option(names = "--distance", description = "Distance stored as the index default: l1, l2, chi2, cosine (default l1).")
    String distance;

    @Option(names = "--out", description = "Index directory to create or add to.")
    Path out;

    @Option(names = "--threads", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--tile", paramLabel = "SIZE", description = {"Cut GeoTIFF scenes into SIZE x SIZE pixel patches:",
            "--archive is one scene file or a folder of them (classic TIFF or BigTIFF, any size); ids",
            "<scene>/x<column>_y<row>; no-data pixels (NaN, the file's GDAL no-data value, or 0 in every band",
            "of a multi-band file declaring none) read as 0; patches half or more no data are reported as bad."})
    Integer tile;

    @Mixin
    SparkOptions spark;

    @Option(names = "--fit-sample", defaultValue = "1000", description = "Patches sampled to fit trainable descriptors (default ${DEFAULT-VALUE}).")
    int fitSample;

    /** Seed of fitting and hash training when --seed is not given. */
    static final long DEFAULT_FIT_SEED = 42;

    // without --seed the split is deq eval's default one, so a default eval of a ksh index never tests on its training images
    @Option(names = "--seed", description = {"Seed for fitting, hash training and the --split (default: " + DEFAULT_FIT_SEED
            + " for fitting and training,", "  " + EvalCommand.DEFAULT_SPLIT_SEED + " for the split, as in deq eval)."})
    Long seed;

    private long fitSeed() {
        return seed != null ? seed : DEFAULT_FIT_SEED;
    }

    private long splitSeed() {
        return seed != null ? seed : EvalCommand.DEFAULT_SPLIT_SEED;
    }

    /** The --hash and --multi-code training of this command's options. */
    private HashTraining training() {
        return new HashTraining(out, hash, multiCode, split, fitSeed(), splitSeed(),
                threads == null ? Runtime.getRuntime().availableProcessors() : threads, out());
    }

    @Option(names = "--hash", description = {"Train a hash encoder on the stored descriptors and store it with the codes of every patch:",
            "  lsh:bits=B | itq:bits=B[,iterations=50,samples=20000]",
            "  klsh:bits=B[,anchors=300,subset=30] | ksh:bits=B[,anchors=300,samples=1000]",
            "  deep:bits=B[,hidden=512,epochs=40]",
            "  (B in 16..256; itq at most the descriptor dimension, and fewer than the descriptors it trains on, or at most",
            "  samples=S when it samples fewer than the index holds).",
            "ksh and deep are supervised: they learn from the labels of the --split train part only.",
            "On an existing --out it replaces the encoder; patches added later are encoded with the stored one."})
    String hash;

    @Option(names = "--multi-code", paramLabel = "CLUSTERS", description = "Train multi-code hashing (Reato et al.) with this many"
            + " primitive clusters of the regions of a local-hist descriptor, one code per cluster by the index's unsupervised"
            + " --hash encoder spec, and store the model (deq query/eval --search multi-code).")
    Integer multiCode;

    @Option(names = "--split", defaultValue = "60/40",
            description = "Seeded per-class train/test split, as in deq eval, whose train part a supervised --hash learns from (default ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--commit-every", defaultValue = "10000", description = "Commit after this many patches (default ${DEFAULT-VALUE}); Ctrl-C commits what is described, a crash keeps the last commit.")
    int commitEvery;

    @Option(names = "--report", description = "Write the ingest report (counts, throughput, every bad patch) as JSON to this file.")
    Path report;

    @Override
    public Integer call() throws IOException {
        if (listDescriptors) {
            out().println(DescriptorSpecs.help());
            return 0;
        }
        if (out == null) {
            throw new IllegalArgumentException("--out is required: the index directory to create or add to");
        }
        if (hash != null) {
            Encoders.parse(hash); // a bad spec is reported before a long ingest, not after
            if (EvalProtocol.parseSplit(split) == 0 && Encoders.supervised(hash)) { // whatever the archive holds
                throw training().noTrainingImages();
            }
        }
        if (spec.commandLine().getParseResult().hasMatchedOption("--split") && (hash == null || !Encoders.supervised(hash))) {
            throw new IllegalArgumentException("--split chooses what a supervised --hash (ksh, deep) learns from; "
                    + (hash == null ? "there is no --hash" : hash + " learns without labels"));
        }
        Counts.atLeastOne("--multi-code clusters", multiCode);
        checkCounts();
        boolean exists = IndexStore.exists(out);
        if (archive == null) {
            if ((hash == null && multiCode == null) || !exists) {
                throw new IllegalArgumentException("--archive is required, except to add --hash or --multi-code to an existing --out index"
                        + (hash != null || multiCode != null ? " (" + out + " is not one)" : ""));
            }
            if (report != null) {
                throw new IllegalArgumentException("--report writes the report of an ingest; there is none without --archive");
            }
            if (labels != null) {
                throw new IllegalArgumentException("--labels labels the --archive's patches as they are indexed; without --archive"
                        + " it would label nothing (stored labels stay as indexed)");
            }
            if (spark.master != null) {
                throw new IllegalArgumentException("--spark describes an --archive's patches; training --hash or --multi-code runs here");
            }
            if (tile != null) {
                throw new IllegalArgumentException("--tile cuts the --archive's scenes into patches; there is no --archive");
            }
            try (IndexStore store = openExisting()) {
                if (multiCode != null) {
                    HashTraining.checkMultiCode(store.config().descriptorSpec(),
                            hash != null ? hash : store.encoder() != null ? store.encoder().spec() : null);
                }
                if (hash != null) {
                    training().hash(store); // with a --multi-code, trained and committed with the encoder
                } else if (multiCode != null) {
                    training().multiCode(store);
                }
                noteManifestFile(store);
            }
            return 0;
        }
        OutputFiles.prepareJson("--report", report, out, archive);
        if (tile != null) {
            SceneTiles.checkSize(tile);
        }
        if (tile != null && labels != null) {
            throw new IllegalArgumentException("--labels labels pictures by file name; the patches --tile cuts from scenes have"
                    + " no such names");
        }
        if (tile != null) {
            refuseTilingPatches(archive);
        }
        // how this machine and Spark's workers open the archive
        ArchiveRef ref = tile == null ? ArchiveRef.of(archive, labels) : ArchiveRef.tiled(archive, tile);
        Archive source = ref.open();
        int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        boolean createdDir = !Files.exists(out);
        // Spark starts at the first patch to describe, after fitting: a cluster that cannot be reached fails the ingest,
        // which removes an index it created empty
        try (IndexStore store = exists ? openExisting() : create(source)) {
            checkTileSize(store); // before any word of adding: nothing is added
            Descriptor fitted = QueryByExample.descriptorOf(store);
            out().println((exists ? "adding to " : "indexing into ") + out + " with " + fitted.spec()
                    + " (dimension " + fitted.dimension() + ") from " + source.name()
                    + (spark.master == null ? "" : ", describing on Spark " + spark.master));
            String outdated = exists ? store.outdatedReadersNote() : null;
            if (outdated != null) { // added patches would be read otherwise than the stored ones
                out().println("note: " + outdated);
            }
            if (exists && labels != null && store.size() > 0) {
                out().println("note: --labels labels the patches added now; the " + store.size() + " stored patches keep the"
                        + " labels they were indexed with (index into a new --out to relabel them all)");
            }
            if (exists && store.size() > 0) {
                checkCommitted(store);
            }
            Ingest.Report r;
            try {
                checkBeforeIngest(source, store, fitted);
                if (tile != null && exists) {
                    noteScenesUnderOtherPaths(source, store);
                }
                long size = source.sizeHint();
                if (hash != null && size > 0 && !Encoders.supervised(hash)) {
                    // at most every patch trains it (bad ones drop out): what the whole archive cannot train, fails now
                    Encoders.parse(hash).checkTrainable((int) Math.min(Integer.MAX_VALUE, store.size() + size), fitted.dimension());
                }
                // the archive alone (an interrupted ingest's stored patches are in it too; the commit checks the total)
                if (size > IndexStore.maxPatches(fitted.dimension())) {
                    throw new IllegalArgumentException(source.name() + ": " + size + " patches exceed the "
                            + IndexStore.maxPatches(fitted.dimension()) + " patches of dimension " + fitted.dimension()
                            + " one index holds (2^31 values in memory); use a shorter descriptor or index part of the archive");
                }
                // Ctrl-C or a kill: the ingest commits what it has described, then the hook says what the index keeps
                Ingest ingest = spark.master == null ? new Ingest(nThreads, commitEvery) : new Ingest(commitEvery);
                CountDownLatch ended = new CountDownLatch(1);
                AtomicReference<Ingest.Report> result = new AtomicReference<>();
                Progress bar = new Progress("index", size);
                Thread stopped = new Thread(() -> {
                    ingest.requestStop();
                    boolean done = false;
                    try {
                        done = ended.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    bar.close(); // closed already when the ingest ended; else it must not draw after the line below
                    System.err.printf("deq: stopped; %s%n", stopMessage(done, result.get(), store));
                });
                Runtime.getRuntime().addShutdownHook(stopped);
                try (bar) {
                    r = ingest(ingest, ref, source, fitted, store, bar).checkedAgainst(size);
                    result.set(r);
                } finally {
                    ended.countDown();
                    StopHooks.remove(stopped);
                }

            } catch (IOException | RuntimeException e) {
                if (StopHooks.shuttingDown()) { // Ctrl-C: the stop hook says what was kept; Spark's "context stopped" is no error
                    return 130;
                }
                if (!exists && store.size() == 0) { // a new index that got nothing is not left to be "added to" next time
                    store.close();
                    removeNewIndex(createdDir);
                    throw e;
                }
                if (e instanceof IOException io) {
                    throw new IOException(Deq.message(io) + "; " + kept(store), io);
                }
                throw withKept((RuntimeException) e, store);
            } finally {
                spark.stop(); // the cluster's executors are not needed for the hash training below
            }
            out().printf("indexed %s (%d already present, %d bad) in %.1f s%s; index holds %d%n",
                    Format.count(r.indexed(), "patch", "patches"), r.skippedExisting(), r.bad().size(), r.seconds(),
                    r.indexed() == 0 ? "" : String.format(Locale.ROOT, ", %.1f patches/s", r.patchesPerSecond()), store.size());
            // a scene's patches share its file's name in their reasons: the id tells which patch
            Format.badLines(out(), r.bad().stream().map(b -> b.error().contains(b.id()) ? b.error() : b.id() + ": " + b.error()).toList(),
                    report == null ? " (use --report FILE for the full list)" : "");
            r.notes().forEach(note -> out().println("note: " + note)); // labels that fit nothing: no error, but said
            noteManifestFile(store);
            if (report != null) { // the full list of bad patches matters most when none could be added
                OutputFiles.writeJson(report, r);
                out().println("wrote " + report);
            }
            // Ctrl-C: the hook says what the index holds; no training of a part of the archive, nor of a whole one while
            // the JVM exits (a stop after the last patch)
            if (r.stopped() || StopHooks.shuttingDown()) {
                return 130;
            }
            if (r.indexed() == 0 && r.skippedExisting() == 0 && r.bad().isEmpty()) { // said, not a success of nothing
                if (!exists) {
                    store.close();
                    removeNewIndex(createdDir);
                }
                throw new IllegalArgumentException(source.name() + " lists no patches to read; " + out
                        + (exists ? " is unchanged" : " was not created"));
            }
            if (!exists && store.size() == 0 && !r.bad().isEmpty()) {
                store.close();
                removeNewIndex(createdDir);
                throw new IllegalArgumentException("no patch of " + source.name() + " could be indexed (" + r.bad().size()
                        + " bad, the first: " + r.bad().get(0).error() + "); " + out + " was not created");
            }
            if (exists && r.indexed() == 0 && r.skippedExisting() == 0 && !r.bad().isEmpty()) {
                throw new IllegalArgumentException("no patch of " + source.name() + " could be added (" + r.bad().size()
                        + " bad, the first: " + r.bad().get(0).error() + "); " + out + " is unchanged");
            }
            if (hash != null) {
                try {
                    training().hash(store);
                } catch (IllegalArgumentException e) { // what training refuses is known only after the ingest: say what stays
                    throw new IllegalArgumentException(e.getMessage() + "; the index keeps its " + Format.count(store.size(),
                            "patch", "patches") + (store.encoder() == null ? ", without codes" : " and its codes of "
                            + store.encoder().spec()) + " (deq index --out " + out + " --hash SPEC trains again)", e);
                }
            } else if (store.encoder() != null && r.indexed() > 0) {
                out().println("codes of new patches by the stored encoder " + store.encoder().spec());
            }
            if (multiCode != null && hash == null) { // with --hash, trained and committed with the encoder
                training().multiCode(store);
            }
            if (hash != null || multiCode != null) {
                noteManifestFile(store);
            }
        }
        return 0;
    }

    /** Says when a commit could not rewrite manifest.json: no error, since the commit is durable and the index reads it. */
    private void noteManifestFile(IndexStore store) {
        String note = store.manifestFileNote();
        if (note != null) {
            out().println("note: " + note);
        }
    }

    /**
     * Reads the stored data files against their checksums before adding to them: a damaged index found only by the
     * first query after a long ingest has cost that ingest (a second per GB of vectors read).
     */
    private static void checkCommitted(IndexStore store) throws IOException {
        try {
            store.verify();
        } catch (BadInputException e) {
            throw new IllegalArgumentException(e.getMessage() + "; nothing was added: restore the index folder from a backup"
                    + " or index the archive into a new --out", e);
        }
    }

    /**
     * What a stop (Ctrl-C) left, once the ingest has {@code ended} (or not within the wait) with its {@code report} (null
     * when it failed: a cluster stopped by the JVM before the ingest saw the stop). Another run is asked for only when
     * patches remain.
     */
    static String stopMessage(boolean ended, Ingest.Report report, IndexStore store) {
        String again = "; run the same command again to add the rest";
        if (!ended) {
            return "no commit within " + STOP_WAIT_SECONDS + " s: " + kept(store) + again;
        }
        String holds = "the index holds " + Format.count(store.size(), "patch", "patches");
        if (report == null) {
            return "the patches stored before the batch in flight were committed: " + holds + again;
        }
        if (!report.stopped()) {
            return "the ingest had ended: " + holds;
        }
        return "the patches described were committed: " + holds + (report.dropped() == 0 ? ""
                : "; the " + Format.count(report.dropped(), "patch", "patches") + " still being described were dropped") + again;
    }

    /** How long a stop (Ctrl-C) waits for the ingest to commit what it has described before the JVM ends anyway. */
    private static final int STOP_WAIT_SECONDS = 60;

    /** What an interrupted or failed ingest leaves: the last commit, which a run of the same command completes. */
    private static String kept(IndexStore store) {
        return store.size() == 0 ? "the index holds no committed patch yet"
                : "the index keeps its last commit, " + Format.count(store.size(), "patch", "patches");
    }

    /** A failed ingest's user error with what the index kept, as one line of the same kind; a bug stays as it is. */
    private static RuntimeException withKept(RuntimeException e, IndexStore store) {
        String message = e instanceof UncheckedIOException u ? Deq.message(u.getCause()) : Deq.message(e);
        message += "; " + kept(store);
        if (e instanceof UncheckedIOException u) {
            return new UncheckedIOException(new IOException(message, u.getCause()));
        }
        if (e instanceof IllegalArgumentException) {
            return new IllegalArgumentException(message, e);
        }
        return e instanceof IllegalStateException ? new IllegalStateException(message, e) : e;
    }

    /**
     * Refuses --tile on an archive of patches (BigEarthNet, SSL4EO-S12 band-file folders): its band files would be cut
     * as scenes of one band each.
     */
    private static void refuseTilingPatches(Path root) {
        if (!Files.isDirectory(root)) {
            return;
        }
        Archive layout;
        try {
            layout = Archives.open(root);
        } catch (BadInputException e) { // no archive of patches: scenes, or a folder the tiling reports on
            return;
        }
        if (layout instanceof BigEarthNetV1 || layout instanceof BigEarthNetV2 || layout instanceof Ssl4eoS12) {
            throw new IllegalArgumentException(root + " is an archive of patches (" + layout.name() + "); --tile cuts"
                    + " GeoTIFF scenes: index it without --tile, or stack a patch's bands into one GeoTIFF first"
                    + " (gdalbuildvrt -separate)");
        }
    }

    /**
     * Refuses cutting scenes into patches of another size than the index holds: an index holds one size, and a scene
     * stored at another would have its new patches taken as already indexed (every size starts at x0_y0).
     */
    private void checkTileSize(IndexStore store) {
        if (tile == null) {
            return;
        }
        try {
            String id = store.firstId(SceneTiles::isWindowId);
            String stored = id == null ? null : store.meta(store.ordinal(id)).source();
            int size = stored == null ? -1 : SceneTiles.windowSize(stored);
            if (size > 0 && size != tile) {
                throw new IllegalArgumentException(out + " holds " + size + "-pixel patches cut from scenes (" + id + "); give"
                        + " --tile " + size + " to add to it, or another --out");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * For patches of generic bands ({@code band1}, {@code band2}, ...: a GeoTIFF without Sentinel-2's band count or
     * names), a descriptor spec that reads them, as the README gives it.
     */
    private static Optional<String> unnamedBandsHint(List<String> bands) {
        if (bands.isEmpty() || !bands.stream().allMatch(b -> b.matches("band\\d+"))) {
            return Optional.empty();
        }
        String list = String.join("/", bands);
        return Optional.of("; its bands have no names: give --descriptor spectral-hist:bands=" + list + ",span=S+local-hist:bands="
                + list + ",span=S, with S the part of 0..1 its values fill (0.15 for 16-bit reflectance x 10000, 1 for 8 bits)");
    }

    /**
     * Notes scenes whose file name a stored scene has under another path: ids are paths below --archive, so the same
     * file given from another root would be indexed a second time (its twin then found at distance 0).
     */
    private void noteScenesUnderOtherPaths(Archive source, IndexStore store) throws IOException {
        Map<String, String> storedByName = new HashMap<>();
        store.firstId(id -> { // every id: a scan of the terms alone, once
            if (SceneTiles.isWindowId(id)) {
                String scene = id.substring(0, id.lastIndexOf('/'));
                storedByName.putIfAbsent(scene.substring(scene.lastIndexOf('/') + 1), scene);
            }
            return false;
        });
        if (storedByName.isEmpty()) {
            return;
        }
        Set<String> noted = new LinkedHashSet<>();
        for (PatchSource patch : source) {
            if (!SceneTiles.isWindowId(patch.id())) { // a scene that cannot be listed: one bad patch named by the scene
                continue;
            }
            String scene = patch.id().substring(0, patch.id().lastIndexOf('/'));
            String stored = storedByName.get(scene.substring(scene.lastIndexOf('/') + 1));
            if (stored != null && !stored.equals(scene) && noted.add(scene)) {
                out().println("note: scene " + scene + " has the name of the stored scene " + stored + ": if it is the same"
                        + " file, it is indexed a second time (ids are paths below --archive; add scenes from the folder the"
                        + " index was built from)");
            }
        }
    }

    /** Patches read, at most, to check an archive against the index before its ingest. */
    private static final int PROBE_PATCHES = 3;

    /**
     * What would otherwise fail after the whole ingest, checked on the archive's first readable patches: a
     * --multi-code the index cannot train, patches the index's descriptor cannot describe (an RGB archive added to a
     * Sentinel-2 index), a supervised --hash on patches without labels.
     */
    private void checkBeforeIngest(Archive source, IndexStore store, Descriptor fitted) {
        if (multiCode != null) {
            String encoderSpec = hash != null ? hash : store.encoder() != null ? store.encoder().spec() : null;
            HashTraining.checkMultiCode(fitted.spec(), encoderSpec);
        }
        List<Patch> probes = new ArrayList<>();
        Iterator<PatchSource> it = source.iterator();
        for (int tried = 0; it.hasNext() && tried < 10 * PROBE_PATCHES && probes.size() < PROBE_PATCHES; tried++) {
            try {
                probes.add(it.next().read());
            } catch (BadInputException | RuntimeException | OutOfMemoryError e) {
                // a bad file (or one too large for the heap) is the ingest's to report
            }
        }
        String cannot = null;
        List<String> bands = List.of();
        for (Patch p : probes) {
            try {
                fitted.describe(p);
                cannot = null;
                break;
            } catch (IllegalArgumentException e) { // bands the descriptor needs and the patch lacks
                cannot = e.getMessage();
                bands = p.bandNames();
            } catch (RuntimeException e) { // something else wrong with this patch: the ingest reports it
                cannot = null;
                break;
            }
        }
        if (cannot != null) {
            throw new IllegalArgumentException("the index's descriptor " + fitted.spec() + " cannot describe the patches of "
                    + source.name() + " (" + cannot + ")" + (store.size() > 0 ? "; index them into another --out"
                    : unnamedBandsHint(bands).orElse("; deq index --list-descriptors says which bands each descriptor reads")));
        }
        if (hash != null && Encoders.supervised(hash) && store.size() == 0 && !source.labelled()) {
            throw new IllegalArgumentException("--hash " + hash + " learns from labels and " + source.name()
                    + " has none (index a labelled archive, or use " + EnumNames.either(Encoders.methods(false)) + ")");
        }
        // Sentinel-2 patches of one processing level added to an index of the other: allowed (a user may want both), but said
        String levels = probes.isEmpty() ? null : QueryByExample.levelNote(probes.get(0), store);
        if (levels != null) {
            out().println("note: " + levels + ": keep each level in its own --out");
        }
    }

    /**
     * The ingest on local threads, or with the describe step on Spark when a context is given; the bar's estimate leaves
     * out the patches a resumed ingest skips as stored, which take no time.
     */
    private Ingest.Report ingest(Ingest ingest, ArchiveRef ref, Archive source, Descriptor fitted, IndexStore store,
                                 Progress bar) throws IOException {
        if (spark.master == null) {
            return ingest.run(source, fitted, store, n -> bar.stepTo(n, ingest.skipped()));
        }
        try (SparkDescriber describer = new SparkDescriber(spark::context, ref, store.config())) {
            return ingest.run(source, describer, store, n -> bar.stepTo(n, ingest.skipped()));
        }
    }

    private IndexStore openExisting() throws IOException {
        IndexStore store = IndexStore.open(out);
        // compared in full form: the spec the index stores spells out defaults and numbers (span=-1..1 as -1.0..1.0)
        if (descriptor != null && !descriptor.equals(store.config().descriptorSpec())
                && !DescriptorSpecs.parse(descriptor).spec().equals(store.config().descriptorSpec())) {
            store.close();
            throw new IllegalArgumentException(out + " was built with --descriptor " + store.config().descriptorSpec()
                    + ", not " + descriptor + "; use a new --out to index with another descriptor");
        }
        if (distance != null && Distance.parse(distance) != store.config().distance()) {
            Distance stored = store.config().distance();
            store.close();
            throw new IllegalArgumentException(out + " was built with --distance " + EnumNames.key(stored)
                    + ", not " + distance + "; deq query and eval take --distance per search");
        }
        return store;
    }

    /** Counts that must be positive, checked before any work. */
    private void checkCounts() {
        Counts.atLeastOne("--fit-sample", fitSample);
        Counts.threads(threads);
        spark.check(threads, out());
        Counts.atLeastOne("--commit-every", commitEvery);
    }

    /**
     * Deletes the index this command just created and could fill with nothing, so a rerun with another --descriptor
     * starts afresh: its store files, and the folder too when this command made it.
     */
    private void removeNewIndex(boolean createdDir) throws IOException {
        if (createdDir) {
            FileTrees.delete(out);
        } else {
            FileTrees.deleteContents(out);
        }
    }

    /** Patches in a row too large for the heap after which the default descriptor's probe gives up: the heap is too small. */
    static final int DEFAULT_PROBE_OUT_OF_MEMORY = 3;

    /**
     * deq's default descriptor for an archive, chosen by its first readable patch ({@link DescriptorSpecs#defaultFor});
     * refused with the advice of a spec that fits when it cannot describe that patch (GeoTIFFs of unnamed bands), before
     * any index is made or announced.
     */
    static String defaultSpec(Archive source) {
        String first = null;
        int tried = 0;
        int outOfMemory = 0; // in a row: one huge picture is skipped, but a heap too small for any patch fails at once
        for (PatchSource s : source) {
            try {
                Patch patch = s.read();
                String spec = DescriptorSpecs.defaultFor(patch);
                try {
                    DescriptorSpecs.parse(spec).describe(patch); // deq's defaults need no fitting
                } catch (IllegalArgumentException e) { // bands the default needs and the patch lacks
                    throw new IllegalArgumentException("deq's default descriptor " + spec + " cannot describe the patches of "
                            + source.name() + " (" + e.getMessage() + ")" + unnamedBandsHint(patch.bandNames())
                            .orElse("; give --descriptor (deq index --list-descriptors says which bands each descriptor reads)"));
                }
                return spec;
            } catch (BadInputException | OutOfMemoryError e) {
                // try the next patch; the ingest reports the bad one (an OutOfMemoryError: a picture too large to read)
                outOfMemory = e instanceof OutOfMemoryError ? outOfMemory + 1 : 0;
                if (outOfMemory == DEFAULT_PROBE_OUT_OF_MEMORY) {
                    throw (OutOfMemoryError) e; // deq's one line: out of memory, and how to give it more
                }
                first = first == null ? (e instanceof OutOfMemoryError ? s.location() + ": too large for the Java heap"
                        : e.getMessage()) : first;
                tried++;
            }
        }
        throw new IllegalArgumentException(source.name() + ": no readable patch" + (first == null ? ""
                : " among " + tried + " (the first: " + first + ")"));
    }

    private IndexStore create(Archive source) throws IOException {
        Descriptor d = DescriptorSpecs.parse(descriptor == null ? defaultSpec(source) : descriptor);
        if (d.needsFit()) {
            out().println("fitting " + d.spec() + " on up to " + fitSample + " patches ...");
            d = Ingest.fit(d, source, fitSample, fitSeed());
        }
        return IndexStore.create(out, d, Distance.parse(distance == null ? "l1" : distance));
    }
}
