package org.deq.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.LogByteSizeMergePolicy;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StandardDirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.Version;
import org.deq.describe.Descriptor;
import org.deq.describe.DescriptorSpecs;
import org.deq.hash.BinaryEncoder;
import org.deq.hash.Encoders;
import org.deq.index.Distance;
import org.deq.index.FlatIndex;
import org.deq.index.HammingIndex;
import org.deq.index.Index;
import org.deq.index.MultiCodeIndex;
import org.deq.index.MultiCodeModel;
import org.deq.index.SearchMethod;
import org.deq.index.TwoStageIndex;
import org.deq.io.AtomicFiles;
import org.deq.io.Failures;
import org.deq.raster.BadInputException;
import org.deq.raster.PatchMeta;
import org.deq.vectors.PackedVectors;

/**
 * An index directory: {@code manifest.json}, patch metadata in Lucene ({@code lucene/}), descriptors in dense
 * little-endian float32 segments ({@code vectors-<generation>.f32}, never rewritten) and the descriptor state; when a
 * hash encoder is set, its trained state ({@code encoder-<version>.bin}) and the codes of every patch in uint64
 * segments ({@code codes-<version>-<generation>.u64}), all checksummed in the manifest.
 *
 * <p>The Lucene commit, whose user data holds the manifest, is the single commit point: vector, encoder and code files
 * are written and synced before it, {@code manifest.json} is replaced atomically after it. A crash at any moment therefore leaves
 * the last committed index readable; files of an interrupted commit are ignored, and removed by the next writer.
 * Patch ordinals are Lucene doc ids (documents are only appended, and merges keep their order): a document Lucene would
 * refuse, which it does only after taking a doc id, is refused before it is added, and a commit checks that Lucene holds
 * one document per patch.
 *
 * <p>Threads: one writer at a time ({@link #writer}). Reads ({@link #config}, {@link #size}, {@link #vectors},
 * {@link #vector}, {@link #meta}, {@link #ordinal}, {@link #columns}, {@link #encoder}, {@link #codes}, {@link #index})
 * are safe from many threads at once: vectors are read once under a lock, metadata is cached as immutable records. They
 * are not safe while a commit of the same instance runs, which swaps the Lucene reader and closes the old one; a
 * process that serves while another writes opens the new commit as a new store ({@link #isCurrent}).
 */
public final class IndexStore implements AutoCloseable {

    static final String MANIFEST = "manifest.json";
    static final String LUCENE_DIR = "lucene";
    static final String STATE_FILE = "descriptor-state.bin";
    static final String COMMIT_KEY = "deq.manifest";

    /** The data files a commit writes beside the state file, which is written once, by {@link #create}. */
    private static final String DATA_NAMES = "vectors-\\d+\\.f32|encoder-\\d+\\.bin|multicode-\\d+\\.bin|codes-\\d+-\\d+\\.u64";
    /** An encoder's or multi-code model's state or codes, by kind and version (group 1, group 2). */
    private static final Pattern OLDER_VERSION = Pattern.compile("(encoder|multicode|codes)-(\\d+)(?:\\.bin|-\\d+\\.u64)");
    /**
     * The files of deq's own that a commit may leave when it stops: data files and their temporary files (Segments), the
     * state file's, and manifest.json's (AtomicFiles; manifest.json.tmp before). Only these: another command may be
     * writing a file of its own in the folder ({@code deq info --json idx/x.json}), and a user may keep files there.
     */
    private static final Pattern DATA_FILE = Pattern.compile(DATA_NAMES + "|(?:" + DATA_NAMES + "|" + Pattern.quote(STATE_FILE)
            + ")" + Pattern.quote(Segments.TEMP_SUFFIX) + "|" + AtomicFiles.tempNames(MANIFEST) + "|"
            + Pattern.quote(MANIFEST + Segments.TEMP_SUFFIX));

    private final Path dir;
    private final FSDirectory lucene;
    private final StoreConfig config;
    private final MetaColumns columns;
    private DirectoryReader reader;
    private Manifest manifest;
    // read on first use, not on open: an ingest appends segments without reading the committed ones, so adding to an
    // index needs no heap for its vectors and no copy of them per commit
    private volatile float[] vectors;
    // decoded metadata, filled on first use: a result page reads the same popular patches again and again, and
    // decoding Lucene stored fields dominated a search by id (immutable records, so a racy fill is safe)
    private volatile PatchMeta[] metaCache;
    /** Set by {@link #close}: what reads Lucene or writes then fails with a line naming the index, not Lucene's exception. */
    private volatile boolean closed;
    /**
     * Set when a commit was durable but its Lucene reader could not be opened: what reads Lucene then fails with this
     * line (ids and metadata of the last commit would be missing), while the values held in memory answer.
     */
    private volatile String readerBehind;
    /** Why the last rewrite of manifest.json failed, or null: a copy for people, which the next writer rewrites. */
    private volatile String manifestFileNote;
    private BinaryEncoder encoder;
    private byte[] multiCodeState;
    // the codes of every committed patch, and room for more: a commit appends in place, and grows it by half when it
    // is full, so a long ingest copies each code a few times rather than once per commit; codes() trims it
    private long[] codes;
    private StoreWriter writer;

    private IndexStore(Path dir, FSDirectory lucene, DirectoryReader reader, Manifest manifest, StoreConfig config,
                       BinaryEncoder encoder, long[] codes, byte[] multiCodeState, MetaColumns columns) {
        this.dir = dir;
        this.encoder = encoder;
        this.multiCodeState = multiCodeState;
        this.codes = codes;
        this.lucene = lucene;
        this.reader = reader;
        this.manifest = manifest;
        this.config = config;
        this.columns = columns;
        this.metaCache = new PatchMeta[manifest.count()];
    }

    /**
     * Creates an empty, committed store of {@code fitted}'s vectors in {@code dir}, which must be absent or empty, and
     * opens it; the descriptor's spec, dimension and fitted state are the store's config.
     */
    public static IndexStore create(Path dir, Descriptor fitted, Distance distance) throws IOException {
        return create(dir, StoreConfig.of(fitted, distance));
    }

    /**
     * Creates an empty, committed store in {@code dir}, which must be absent or empty, and opens it. A config whose
     * descriptor needs a fitted state it lacks, or gives another dimension, is refused (IllegalArgumentException).
     */
    public static IndexStore create(Path dir, StoreConfig config) throws IOException {
        config.checkDescriptor();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new BadInputException(dir, "cannot create an index here: it is a file; an index is a folder, give a new one");
        }
        checkCreatable(dir); // before any folder is made
        Files.createDirectories(dir);
        Manifest m;
        String note;
        // every step under the writer's lock: a second creator fails on it; the checks are made again under it, since
        // another creator may have committed in between; what a stopped creation left is overwritten
        try (FSDirectory ld = FSDirectory.open(dir.resolve(LUCENE_DIR));
             IndexWriter w = new IndexWriter(ld, writerConfig(IndexWriterConfig.OpenMode.CREATE_OR_APPEND))) {
            checkCreatable(dir);
            Manifest.DataFile state = Segments.writeFile(dir, STATE_FILE, config.descriptorState());
            String now = Instant.now().toString();
            m = Manifest.empty(config.descriptorSpec(), config.distance().name(), config.dimension(), now, state);
            w.setLiveCommitData(Map.of(COMMIT_KEY, m.toJson()).entrySet());
            w.commit();
            note = rewriteManifestFile(dir, m); // still under the lock, as every later rewrite is: no writer elsewhere meddles
        } catch (LockObtainFailedException e) {
            throw new BadInputException(dir, "another process is creating or writing an index here; let it finish, then"
                    + " add to it, or give another folder");
        }
        IndexStore store = open(dir);
        store.manifestFileNote = note;
        return store;
    }

    /** Refuses a folder holding an index, or files other than what a creation stopped before its first commit left. */
    private static void checkCreatable(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        if (exists(dir)) { // two creators of one new folder: the other committed first
            throw new BadInputException(dir, "cannot create an index here: the folder holds an index already (made by"
                    + " another process meanwhile, if it was new); add to it instead (deq index: the same command again)");
        }
        if (!onlyCreationFiles(dir)) {
            throw new BadInputException(dir, "cannot create an index here: the folder holds other files; give a new or empty one");
        }
    }

    /** Refuses a missing index folder, or a file, in the words {@link #open} and {@link #requireIndex} share. */
    private static void requireFolder(Path dir) throws BadInputException {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir, Files.exists(dir) ? "a file, not a deq index folder" : "no such folder");
        }
    }

    /**
     * Refuses a folder that holds no deq index with {@link #open}'s words, without opening it: for commands that work
     * beside an index (its feedback sessions).
     */
    public static void requireIndex(Path dir) throws IOException {
        requireFolder(dir);
        Path manifestFile = dir.resolve(MANIFEST);
        if (!Files.isDirectory(dir.resolve(LUCENE_DIR))) { // not an index: manifest.json, if any, says what it is instead
            if (!Files.isRegularFile(manifestFile)) {
                throw new BadInputException(manifestFile, "missing: " + dir + " is not a deq index");
            }
            String json;
            try {
                json = Files.readString(manifestFile, StandardCharsets.UTF_8);
            } catch (CharacterCodingException e) {
                throw new BadInputException(manifestFile, "not UTF-8 text: not a deq index manifest");
            }
            Manifest m = parseManifest(manifestFile, json);
            // never created here: a read-only command must leave the folder as it found it
            throw new BadInputException(dir.resolve(LUCENE_DIR), "missing, though " + MANIFEST + " describes "
                    + m.count() + " patches: the index's Lucene folder was removed or not copied; restore the index"
                    + " folder from a backup or index the archive again");
        }
    }

    /** Opens the last commit of the store in {@code dir}; a folder that is not a store or a damaged file is a one-line error. */
    public static IndexStore open(Path dir) throws IOException {
        requireIndex(dir);
        Path luceneDir = dir.resolve(LUCENE_DIR);
        // the commit alone describes the index: manifest.json is a copy for people, which a creation stopped right after
        // its first commit has not written and a damaged disk may have cut; the next writer rewrites it
        FSDirectory ld = FSDirectory.open(luceneDir);
        try {
            DirectoryReader r = openReader(ld, luceneDir);
            try {
                Manifest m = parseManifest(luceneDir, r.getIndexCommit().getUserData().get(COMMIT_KEY));
                StoreConfig cfg = new StoreConfig(m.descriptor(), parseDistance(m, luceneDir), m.dimension(),
                        Segments.readFile(dir, m.descriptorState()));
                Segments.checkSizes(dir, m.vectorFiles(), "vector"); // read later, but never added to if missing or cut
                BinaryEncoder encoder = m.encoder() == null ? null : readEncoder(dir, m);
                long[] codes = encoder == null ? new long[0] : Segments.readCodes(dir, m, encoder.words());
                byte[] multiCode = m.multiCodeState() == null ? null : Segments.readFile(dir, m.multiCodeState());
                MetaColumns columns = PatchDocuments.readColumns(r, m, luceneDir);
                return new IndexStore(dir, ld, r, m, cfg, encoder, codes, multiCode, columns);
            } catch (IOException | RuntimeException | Error e) { // an OutOfMemoryError reading the codes too
                r.close();
                throw e;
            }
        } catch (IOException | RuntimeException | Error e) {
            ld.close();
            throw e;
        }
    }

    /** The store's directory. */
    public Path dir() {
        return dir;
    }

    /** What the store was created with. */
    public StoreConfig config() {
        return config;
    }

    /** Number of committed patches; ordinals are 0..size-1. */
    public int size() {
        return manifest.count();
    }

    /** The revision of deq's archive readers the index was created with (0: before deq recorded it). */
    public int readersRevision() {
        return manifest.readers();
    }

    /**
     * A note when the index was written by a newer deq ({@link #checkWritable} refuses to add to it), or created by
     * an earlier revision of deq's archive readers, which gave other values, ids or
     * flags for some kinds of file (the revisions are listed in docs/ARCHITECTURE.md), and holds a patch of such a kind;
     * else null. Reads the stored sources of an older index (one pass, stopping at the first such patch), and where the
     * readers differ only on some files of a kind, the header of the first source of each folder (one tool wrote a
     * folder's files), at most {@link ReaderRevisions#MAX_FILES_CHECKED} folders.
     */
    public synchronized String outdatedReadersNote() throws IOException {
        ensureOpen();
        String newer = Manifest.newerThanThis(manifest, reader.getIndexCommit().getUserData().get(COMMIT_KEY));
        if (newer != null) {
            return "this index was written by a newer deq (" + newer + "): this one reads it, but may read image files"
                    + " given as examples otherwise and cannot add to it; use that deq";
        }
        int revision = manifest.readers();
        if (revision == Manifest.READERS) {
            return null;
        }
        StoredFields fields = reader.storedFields();
        Set<String> sourceOnly = Set.of(PatchDocuments.SOURCE);
        Set<Path> checked = new HashSet<>(); // a scene's windows share one file
        for (int ordinal = 0; ordinal < size() && checked.size() < ReaderRevisions.MAX_FILES_CHECKED; ordinal++) {
            String note = ReaderRevisions.note(revision, fields.document(ordinal, sourceOnly).get(PatchDocuments.SOURCE), checked);
            if (note != null) {
                return note;
            }
        }
        return null;
    }

    /**
     * Whether this store's commit is still the last one in its folder: false once another store (deq index in another
     * process) committed there, or the folder holds another index built or renamed into its place, which {@link #open}
     * then reads. Cheap: reads only Lucene's small commit file; a folder without an index is an IOException.
     */
    public synchronized boolean isCurrent() throws IOException {
        ensureOpen();
        // a commit counter alone misses an index deleted and built again, or swapped in by a rename: a new index starts
        // its counter afresh, but every commit has a random id of its own
        SegmentInfos latest;
        try {
            latest = SegmentInfos.readLatestCommit(lucene);
        } catch (IndexNotFoundException | NoSuchFileException e) { // Lucene's own words name its classes and every file
            throw new BadInputException(dir.resolve(LUCENE_DIR), NO_COMMIT);
        }
        return reader.isCurrent() && Arrays.equals(latest.getId(), ((StandardDirectoryReader) reader).getSegmentInfos().getId());
    }

    /** A Lucene folder without a commit: being created now, or never finished. */
    private static final String NO_COMMIT = "no committed index (being created by another process, creation was"
            + " interrupted, or this is not a deq index)";

    /** Number of commits that added patches. */
    public long generation() {
        return manifest.generation();
    }

    /**
     * When the index was created (an ISO instant, as fine as the clock reads): kept by every later commit, new when the
     * folder is built again, so it tells a rebuilt index from one that only grew, whose generation may be the same.
     */
    public String created() {
        return manifest.created();
    }

    /** When the commit served was made (an ISO instant): new with every commit, an encoder trained or patches added. */
    public String updated() {
        return manifest.updated();
    }

    /**
     * The most patches an index of {@code dimension} values per patch holds: its vectors are one Java array, of at most
     * 2^31 − 9 values (about 2 million patches of the RGB default's 1,078 values, 7 million of Sentinel-2's 291).
     */
    public static int maxPatches(int dimension) {
        return PackedVectors.MAX_ARRAY / dimension;
    }

    /**
     * Refuses {@code more} patches beyond {@code committed} when they would pass {@link #maxPatches}: checked by the
     * writer as each patch is added and again when a commit starts, before anything of it is written.
     */
    static void checkRoom(Path dir, int dimension, long committed, long more) {
        if (committed + more > maxPatches(dimension)) {
            throw new IllegalStateException(dir + ": the index holds at most " + maxPatches(dimension) + " patches of"
                    + " dimension " + dimension + " (2^31 values in memory); " + committed + " are committed and " + more
                    + " more were to be");
        }
    }

    /**
     * All committed vectors packed ordinal by ordinal ({@code size() * dimension} floats); shared, do not modify. Read
     * from the segments on the first call; a damaged segment is an {@link UncheckedIOException} of a one-line
     * {@link BadInputException}.
     */
    public float[] vectors() {
        float[] v = vectors;
        if (v == null) {
            synchronized (this) {
                v = vectors;
                if (v == null) {
                    try {
                        v = Segments.readVectors(dir, manifest);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    vectors = v;
                }
            }
        }
        return v;
    }

    /**
     * Reads every data file of the commit and checks its size and checksum (the Lucene files are checked on open), so
     * that damage is found now rather than by the search that first reads the file; returns the number of files read.
     * A damaged file is a one-line {@link BadInputException} naming it.
     */
    public synchronized int verify() throws IOException {
        Segments.Transfer ignore = (buf, off, len) -> { };
        Segments.read(dir, manifest.vectorFiles(), config.dimension(), Float.BYTES, (long) size() * config.dimension(),
                "vector", ignore);
        int files = manifest.vectorFiles().size() + 1;
        Segments.readFile(dir, manifest.descriptorState());
        if (encoder != null) {
            Segments.read(dir, manifest.codeFiles(), encoder.words(), Long.BYTES, (long) size() * encoder.words(), "code", ignore);
            Segments.readFile(dir, manifest.encoderState());
            files += manifest.codeFiles().size() + 1;
        }
        if (manifest.multiCodeState() != null) {
            Segments.readFile(dir, manifest.multiCodeState());
            files++;
        }
        return files;
    }

    /** The trained hash encoder of the index, or null when it has none. */
    public BinaryEncoder encoder() {
        return encoder;
    }

    /**
     * How many times an encoder was trained into this index (0: never): new with every {@code deq index --hash}, also
     * one that trains the same spec again, whose encoder spec alone looks unchanged.
     */
    public int encoderVersion() {
        return manifest.encoderVersion();
    }

    /** The split whose train part the encoder learned from, or null (no encoder, one trained without labels, or not recorded). */
    public synchronized TrainingSplit encoderTrainedOn() {
        return manifest.encoderTrainedOn();
    }

    /** The codes of all committed patches packed ordinal by ordinal ({@code size() * encoder().words()} longs; empty without encoder); shared, do not modify. */
    public synchronized long[] codes() {
        int length = encoder == null ? 0 : Math.multiplyExact(size(), encoder.words());
        if (codes.length != length) { // trimmed, so that the next commit grows a copy and never writes into what is shared
            codes = Arrays.copyOf(codes, length);
        }
        return codes;
    }

    /**
     * An index over the committed patches searched by {@code method}, ranking floats by {@code distance}; ids are
     * ordinals. Methods other than flat need the stored encoder and share the stored codes.
     */
    public Index index(SearchMethod method, Distance distance, int threads) {
        checkSearch(method);
        if (method.kind() == SearchMethod.Kind.FLAT) {
            return FlatIndex.over(vectors(), config.dimension(), distance, threads);
        }
        if (method.kind() == SearchMethod.Kind.MULTI_CODE) {
            return multiCodeIndex();
        }
        // two-stage takes its candidates from the popcount scan: for hundreds of candidates it beats multi-index
        // hashing, whose probes grow with the radius (590k codes of 64 bits, 500 candidates: 0.64 ms vs about 2.2 ms)
        HammingIndex.Lookup lookup = switch (method.kind()) {
            case MIH -> HammingIndex.Lookup.MIH;
            case TABLE -> HammingIndex.Lookup.TABLE;
            default -> HammingIndex.Lookup.SCAN;
        };
        HammingIndex hamming = HammingIndex.over(encoder, codes(), size(), lookup, Math.min(method.radius(), encoder.bits()));
        return method.kind() == SearchMethod.Kind.TWO_STAGE
                ? TwoStageIndex.over(hamming, vectors(), distance, method.candidates()) : hamming;
    }

    /**
     * Refuses a search method the store cannot serve, without building its index: a Hamming method without hash codes,
     * multi-code without its model. The message names what is missing, then how {@code deq index} adds it.
     */
    public void checkSearch(SearchMethod method) {
        if (method.kind() == SearchMethod.Kind.MULTI_CODE && multiCodeState == null) {
            throw new IllegalArgumentException("index " + dir + " has no multi-code model, which search multi-code needs; "
                    + (DescriptorSpecs.describesRegions(config.descriptorSpec())
                            ? "train one with: deq index --out " + dir + (encoder == null ? " --hash lsh:bits=32" : "")
                            + " --multi-code 8"
                            : "only an index of a local-hist descriptor (deq index --descriptor local-hist:...) has one, not"
                            + " one of " + config.descriptorSpec()));
        }
        if (method.kind() != SearchMethod.Kind.FLAT && method.kind() != SearchMethod.Kind.MULTI_CODE && encoder == null) {
            throw new IllegalArgumentException("index " + dir + " has no hash codes, which search " + method
                    + " needs; add them with: deq index --out " + dir + " --hash lsh:bits=64");
        }
    }

    /** Whether the index holds a trained multi-code hashing model. */
    public boolean hasMultiCode() {
        return multiCodeState != null;
    }

    /** What the stored multi-code model is (clusters, code encoder), or null without one. */
    public synchronized MultiCodeModel multiCodeModel() {
        if (multiCodeState == null) {
            return null;
        }
        try {
            return MultiCodeIndex.modelOf(multiCodeState);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException(dir.resolve(manifest.multiCodeState().name()) + ": cannot read the multi-code"
                    + " model: " + e.getMessage());
        }
    }

    /** The stored multi-code model over every committed patch (encoded now; the model is not retrained). */
    private MultiCodeIndex multiCodeIndex() {
        try {
            return MultiCodeIndex.restore(multiCodeState, vectors());
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException(dir.resolve(manifest.multiCodeState().name()) + ": cannot restore the multi-code"
                    + " model: " + e.getMessage());
        }
    }

    /** A copy of one committed vector. */
    public float[] vector(int ordinal) {
        checkOrdinal(ordinal);
        int dim = config.dimension();
        return Arrays.copyOfRange(vectors(), ordinal * dim, (ordinal + 1) * dim);
    }

    /** The compact filter columns of the committed patches: read-only, shared with the store, which appends at a commit. */
    public MetaColumns columns() {
        return columns;
    }

    /** The metadata of one committed patch, read from Lucene once and then kept. */
    public PatchMeta meta(int ordinal) throws IOException {
        ensureOpen();
        checkOrdinal(ordinal);
        PatchMeta[] cache = metaCache;
        PatchMeta meta = cache[ordinal];
        if (meta == null) {
            meta = PatchDocuments.decode(reader.storedFields().document(ordinal));
            cache[ordinal] = meta;
        }
        return meta;
    }

    /**
     * A stored id that {@code matching} accepts (the first in term order of the first segment holding one), or null; a
     * scan of the ids alone, no stored field read: for checks over ids such as the patch size of scene windows.
     */
    public String firstId(Predicate<String> matching) throws IOException {
        List<String> found = idTerms(term -> matching.test(term.utf8ToString()), 1);
        return found.isEmpty() ? null : found.get(0);
    }

    /**
     * What to add to the error of an id the index lacks: {@code " (did you mean 'airplane/airplane05'?)"} when a stored
     * id ends in {@code "/" + id} (ids of class folders and scene windows are paths), up to three of them when several
     * do (an L1C and an L2A folder of one date), else empty; a scan of the id terms, compared as bytes (no string per
     * stored id).
     */
    public String didYouMean(String id) throws IOException {
        byte[] suffix = ("/" + id).getBytes(StandardCharsets.UTF_8);
        List<String> found = idTerms(term -> term.length >= suffix.length && Arrays.equals(term.bytes,
                term.offset + term.length - suffix.length, term.offset + term.length, suffix, 0, suffix.length), 4);
        if (found.isEmpty()) {
            return "";
        }
        List<String> named = new ArrayList<>();
        for (String f : found.subList(0, Math.min(3, found.size()))) {
            named.add("'" + f + "'");
        }
        if (found.size() > 3) {
            named.add("other ids ending in '/" + id + "'");
        }
        String last = named.remove(named.size() - 1);
        return " (did you mean " + (named.isEmpty() ? "" : String.join(", ", named) + " or ") + last + "?)";
    }

    /** Up to {@code max} id terms, segment by segment in term order, that {@code matching} accepts. */
    private List<String> idTerms(Predicate<BytesRef> matching, int max) throws IOException {
        ensureOpen();
        List<String> found = new ArrayList<>();
        for (LeafReaderContext leaf : reader.leaves()) {
            Terms terms = leaf.reader().terms(PatchDocuments.ID);
            if (terms == null) {
                continue;
            }
            TermsEnum te = terms.iterator();
            for (BytesRef term = te.next(); term != null && found.size() < max; term = te.next()) {
                if (matching.test(term)) {
                    found.add(term.utf8ToString());
                }
            }
        }
        return found;
    }

    /**
     * The ordinal of a committed patch id; an id the index lacks is an IllegalArgumentException naming the index, with
     * a {@link #didYouMean} hint.
     */
    public int requireOrdinal(String id) throws IOException {
        int ordinal = ordinal(id);
        if (ordinal < 0) {
            throw new IllegalArgumentException("no patch with id '" + id + "' in the index " + dir + didYouMean(id));
        }
        return ordinal;
    }

    /** The ordinal of a committed patch id, or -1 when absent. */
    public int ordinal(String id) throws IOException {
        ensureOpen();
        BytesRef term = new BytesRef(id);
        // a direct term seek per segment: far cheaper than a query, and the writer calls it for every added patch
        for (LeafReaderContext leaf : reader.leaves()) {
            Terms terms = leaf.reader().terms(PatchDocuments.ID);
            if (terms != null) {
                TermsEnum te = terms.iterator();
                if (te.seekExact(term)) {
                    PostingsEnum postings = te.postings(null, PostingsEnum.NONE);
                    return leaf.docBase + postings.nextDoc();
                }
            }
        }
        return -1;
    }

    /**
     * Refuses, before any work (a training, an ingest), to write to an index that a newer deq wrote, as {@link #writer}
     * would once that work is done.
     */
    public synchronized void checkWritable() throws IOException {
        ensureOpen();
        refuseNewer(manifest, reader.getIndexCommit().getUserData().get(COMMIT_KEY));
    }

    /** A downgraded deq writing to a newer deq's index would drop what it does not know, or mix two readings. */
    private void refuseNewer(Manifest m, String json) throws BadInputException {
        String newer = Manifest.newerThanThis(m, json);
        if (newer != null) {
            throw new BadInputException(dir, "written by a newer deq (" + newer + "); write to it with that deq, or index"
                    + " into a new --out");
        }
    }

    /** Opens the single writer; it fails when another writer, here or in another process, holds the store. */
    public synchronized StoreWriter writer() throws IOException {
        ensureOpen();
        if (writer != null) {
            throw new IllegalStateException("a writer is already open on " + dir);
        }
        IndexWriter w;
        try {
            w = new IndexWriter(lucene, writerConfig(IndexWriterConfig.OpenMode.APPEND));
        } catch (LockObtainFailedException e) {
            throw new BadInputException(dir.resolve(LUCENE_DIR).resolve(IndexWriter.WRITE_LOCK_NAME),
                    "the index is being written by another writer (another process, or another IndexStore open on it in"
                    + " this one)");
        }
        try {
            String json = commitData(w);
            Manifest latest = parseManifest(dir.resolve(LUCENE_DIR), json);
            if (!latest.equals(manifest)) {
                throw new BadInputException(dir, "the index changed since it was opened; open it again to write");
            }
            refuseNewer(latest, json);
            // holding the write lock, nobody else can be between steps of a commit: leftovers are from a crash
            removeOrphans();
            if (!manifestFileCurrent()) { // stale or missing after a crash, or a rewrite that failed
                manifestFileNote = rewriteManifestFile(dir, manifest);
            }
        } catch (IOException | RuntimeException e) {
            w.close();
            throw e;
        }
        writer = new StoreWriter(this, w, config.dimension());
        return writer;
    }

    /**
     * Closes the writer if one is open, then the Lucene reader and folder; afterwards whatever reads Lucene (metadata, ids,
     * a writer) is an IllegalStateException naming the index, while the values held in memory (size, vectors, codes,
     * columns, config) still answer. Closing twice does nothing more.
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        // each closed even when one before it fails (the reader, then the folder), so a failed close leaks no file handle
        FSDirectory folder = lucene;
        DirectoryReader lastReader = reader;
        try (folder; lastReader) {
            if (writer != null) {
                writer.close();
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("index " + dir + " is closed");
        }
        String behind = readerBehind;
        if (behind != null) {
            throw new IllegalStateException(behind);
        }
    }

    /**
     * Commits one generation: vector segment (and its codes under the stored encoder), or a newly set encoder with the
     * codes of every patch, or both; then the Lucene commit point; then serves it and runs {@code durable} (the writer
     * forgets what it staged), then rewrites manifest.json and reads the new commit's Lucene reader. What fails after the
     * commit point is no failed commit: a manifest.json not rewritten is only noted ({@link #manifestFileNote}), a
     * reader not opened an IOException saying the commit is durable and the index must be opened again to read it.
     *
     * <p>Codes are stored, not recomputed on open: encoding 590k × 128-d descriptors into 64-bit codes took 4 s with
     * LSH and 14 s with kernel LSH (2 cores, measured), while their code file is a 4.7 MB read; the checksummed
     * segments also guarantee identical codes after reopening.
     */
    synchronized void commit(IndexWriter w, float[] pendingVectors, List<PatchMeta> pendingMetas, BinaryEncoder newEncoder,
                             TrainingSplit newEncoderTrainedOn, MultiCodeIndex newMultiCode, boolean dropMultiCode,
                             Runnable durable) throws IOException {
        int n = pendingMetas.size();
        int dim = config.dimension();
        checkRoom(dir, dim, manifest.count(), n);
        // before anything is written: a document Lucene took a doc id for and then refused puts every later ordinal
        // out of step, and committing it would replace the last good commit by one no open accepts
        int documents = w.getDocStats().maxDoc;
        if (documents != manifest.count() + n) {
            throw new IllegalStateException(dir.resolve(LUCENE_DIR) + ": the writer holds " + documents + " documents for "
                    + (manifest.count() + n) + " patches; nothing was committed, the index keeps its last commit");
        }
        String now = Instant.now().toString();
        Manifest next = manifest;
        // a new encoder codes every patch; otherwise vectors not yet read stay unread (the next read takes the new segment too)
        float[] all = newEncoder != null ? vectors() : vectors;
        long[] allCodes = codes;
        if (n > 0) {
            float[] added = Arrays.copyOf(pendingVectors, n * dim);
            long gen = manifest.generation() + 1;
            Manifest.DataFile segment = Segments.writeVectors(dir, "vectors-" + gen + ".f32", added, n, dim);
            Manifest.DataFile codeSegment = null;
            if (encoder != null && newEncoder == null) {
                long[] addedCodes = encoder.encodeAll(added, n);
                codeSegment = Segments.writeCodes(dir, codesName(manifest.encoderVersion(), gen), addedCodes, n, encoder.words());
                int used = manifest.count() * encoder.words(); // the codes array may have room past them
                long needed = (long) used + addedCodes.length;
                if (needed > codes.length) {
                    allCodes = Arrays.copyOf(codes, PackedVectors.grownLength(codes.length, needed));
                }
                // past the committed codes: no reader looks there, and a failed commit leaves nothing it would see
                System.arraycopy(addedCodes, 0, allCodes, used, addedCodes.length);
            }
            next = next.plus(segment, codeSegment, now);
            if (all != null) {
                all = Arrays.copyOf(all, Math.multiplyExact(next.count(), dim));
                System.arraycopy(added, 0, all, manifest.count() * dim, n * dim);
            }
        }
        if (newEncoder != null) {
            int version = next.encoderVersion() + 1;
            ByteArrayOutputStream state = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(state)) {
                newEncoder.writeState(out);
            }
            Manifest.DataFile stateFile = Segments.writeFile(dir, "encoder-" + version + ".bin", state.toByteArray());
            allCodes = newEncoder.encodeAll(all, next.count());
            Manifest.DataFile codeFile = Segments.writeCodes(dir, codesName(version, next.generation()), allCodes, next.count(),
                    newEncoder.words());
            next = next.withEncoder(newEncoder.spec(), newEncoderTrainedOn, stateFile, codeFile, now);
        }
        byte[] multiCode = newMultiCode != null ? newMultiCode.state() : dropMultiCode ? null : multiCodeState;
        if (newMultiCode != null) {
            next = next.withMultiCode(Segments.writeFile(dir, "multicode-" + (next.multiCodeVersion() + 1) + ".bin", multiCode), now);
        } else if (dropMultiCode) {
            next = next.withoutMultiCode(now);
        }
        w.setLiveCommitData(Map.of(COMMIT_KEY, next.toJson()).entrySet());
        try {
            w.commit();
        } catch (IOException e) {
            throw Segments.naming(dir.resolve(LUCENE_DIR), e);
        }
        // durable from here on: the store serves the new commit whatever fails below, and the writer must not stage
        // its patches a second time (a failed ingest commits what it staged before it stops)
        for (PatchMeta m : pendingMetas) {
            columns.append(m);
        }
        // new patches are decoded from Lucene like the old ones, so a reopened store answers identically; grown by half
        // when full (reads look only below size()), so a long ingest does not copy the whole cache every commit
        if (metaCache.length < next.count()) {
            metaCache = Arrays.copyOf(metaCache, PackedVectors.grownLength(metaCache.length, next.count()));
        }
        vectors = all;
        codes = allCodes;
        if (newEncoder != null) {
            encoder = newEncoder;
        }
        multiCodeState = multiCode;
        manifest = next;
        durable.run();
        manifestFileNote = rewriteManifestFile(dir, next);
        DirectoryReader old = reader;
        try {
            DirectoryReader newer = DirectoryReader.openIfChanged(old);
            if (newer != null) {
                reader = newer;
                old.close();
            }
        } catch (IOException | RuntimeException e) {
            String why = dir.resolve(LUCENE_DIR) + ": the commit of " + next.count() + " patches (generation "
                    + next.generation() + ") is durable, but reading it back failed (" + Failures.firstLine(e) + "); open the index"
                    + " again to read it";
            if (reader == old) { // ids and metadata of the new patches are not in the old reader
                readerBehind = why;
            }
            throw new IOException(why, e);
        }
    }

    /**
     * Rewrites manifest.json after a commit, returning null, or the line to note when it fails (a full disk): the commit
     * is durable whatever becomes of this copy for people; open reads the commit, {@code deq info --verify} notes the
     * stale copy and the next writer rewrites it.
     */
    private static String rewriteManifestFile(Path dir, Manifest m) {
        try {
            writeManifestFile(dir, m);
            return null;
        } catch (IOException e) {
            return "the commit is durable, but " + MANIFEST + " was not rewritten (" + Failures.firstLine(e) + "); the index reads its"
                    + " commit, and the next writer rewrites the file";
        }
    }

    /**
     * Why this store's last rewrite of manifest.json failed after its commit (the index is committed all the same), or
     * null when it did not: for a command to print as a note.
     */
    public String manifestFileNote() {
        return manifestFileNote;
    }

    private static String codesName(int encoderVersion, long generation) {
        return "codes-" + encoderVersion + "-" + generation + ".u64";
    }

    private static BinaryEncoder readEncoder(Path dir, Manifest m) throws IOException {
        Path file = dir.resolve(m.encoderState().name());
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Segments.readFile(dir, m.encoderState())))) {
            BinaryEncoder e = Encoders.read(m.encoder(), in);
            if (e.dimension() != m.dimension()) {
                throw new BadInputException(file, "encoder takes dimension " + e.dimension() + ", the index has " + m.dimension());
            }
            return e;
        } catch (BadInputException e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            // a truncated or inconsistent state file: name it, in one line
            throw new BadInputException(file, "cannot restore encoder " + m.encoder() + ": " + e.getMessage());
        }
    }

    synchronized void writerClosed() {
        writer = null;
    }

    private static IndexWriterConfig writerConfig(IndexWriterConfig.OpenMode mode) {
        IndexWriterConfig c = new IndexWriterConfig();
        c.setOpenMode(mode);
        // closing a writer must never commit: only StoreWriter.commit moves the commit point
        c.setCommitOnClose(false);
        // merges adjacent segments only, so doc ids stay equal to ordinals
        c.setMergePolicy(new LogByteSizeMergePolicy());
        return c;
    }

    /**
     * Opens the last commit and checks every file's checksum, as the vector and code segments are checked: a damaged
     * stored-fields block otherwise decodes into another patch's id, silently.
     */
    private static DirectoryReader openReader(FSDirectory ld, Path luceneDir) throws IOException {
        DirectoryReader r;
        try {
            r = DirectoryReader.open(ld);
        } catch (IndexNotFoundException | NoSuchFileException e) {
            throw new BadInputException(luceneDir, NO_COMMIT);
        } catch (CorruptIndexException e) {
            throw damaged(luceneDir, e);
        } catch (IndexFormatTooOldException | IndexFormatTooNewException e) { // deq writes one format: junk reads as another
            throw damaged(luceneDir, "unreadable by this deq's Lucene " + Version.LATEST);
        }
        try {
            for (LeafReaderContext leaf : r.leaves()) {
                leaf.reader().checkIntegrity();
            }
            return r;
        } catch (CorruptIndexException e) {
            r.close();
            throw damaged(luceneDir, e);
        } catch (IOException | RuntimeException e) {
            r.close();
            throw e;
        }
    }

    /** Lucene names the damaged file inside its description of the input: the file is what a user looks for. */
    private static final Pattern LUCENE_INPUT_PATH = Pattern.compile("path=\"([^\"]+)\"");

    /** The damaged (or missing) file of the commit when Lucene names it, else the Lucene folder. */
    private static BadInputException damaged(Path luceneDir, CorruptIndexException e) {
        if (e.getCause() instanceof NoSuchFileException missing && missing.getFile() != null) {
            return damaged(Path.of(missing.getFile()), "missing: the commit names it");
        }
        Matcher m = LUCENE_INPUT_PATH.matcher(String.valueOf(e.getResourceDescription()));
        return damaged(m.find() ? Path.of(m.group(1)) : luceneDir, e.getOriginalMessage());
    }

    private static BadInputException damaged(Path where, String what) {
        return new BadInputException(where, "damaged Lucene index (" + what + "); restore the index folder from a"
                + " backup or index the archive again");
    }

    private static String commitData(IndexWriter w) {
        for (Map.Entry<String, String> e : w.getLiveCommitData()) {
            if (COMMIT_KEY.equals(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    private static Manifest parseManifest(Path file, String json) throws BadInputException {
        if (json == null) {
            throw new BadInputException(file, "the commit carries no deq manifest: not a deq index");
        }
        try {
            return Manifest.fromJson(json);
        } catch (Manifest.InvalidManifestException e) {
            throw new BadInputException(file, e.getMessage());
        }
    }

    private static Manifest parseManifestQuietly(Path file) {
        try {
            return Manifest.fromJson(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | Manifest.InvalidManifestException e) {
            return null; // unreadable: the caller rewrites it
        }
    }

    private static Distance parseDistance(Manifest m, Path file) throws BadInputException {
        try {
            return Distance.parse(m.distance());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(file, e.getMessage());
        }
    }

    /**
     * Rewrites manifest.json, holding the writer's lock, through a temporary file of a random name
     * ({@link AtomicFiles}), which {@link #removeOrphans} clears away when a crash leaves it.
     */
    private static void writeManifestFile(Path dir, Manifest m) throws IOException {
        Path file = dir.resolve(MANIFEST);
        try {
            AtomicFiles.writeString(file, m.toJson());
        } catch (IOException e) {
            throw Segments.naming(file, e);
        }
    }

    /** Deletes deq's data files and temp files that no commit refers to (left by an interrupted commit or a replaced encoder). */
    private void removeOrphans() throws IOException {
        for (Path p : uncommittedFiles()) {
            Files.deleteIfExists(p);
        }
    }

    /**
     * deq's data files (vectors, encoder, multi-code model, codes) and their temp files in the folder that its commit does
     * not refer to: what a commit stopped by a crash or a full disk left, which the next writer removes; while another
     * process writes, also the files of its commit in progress. Other files, such as a temp file another command is
     * writing into the folder, are never listed.
     */
    public synchronized List<Path> uncommittedFiles() throws IOException {
        Set<String> keep = new HashSet<>();
        for (Manifest.DataFile f : manifest.vectorFiles()) {
            keep.add(f.name());
        }
        for (Manifest.DataFile f : manifest.codeFiles()) {
            keep.add(f.name());
        }
        if (manifest.encoderState() != null) {
            keep.add(manifest.encoderState().name());
        }
        if (manifest.multiCodeState() != null) {
            keep.add(manifest.multiCodeState().name());
        }
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                if (DATA_FILE.matcher(name).matches() && !keep.contains(name)) {
                    out.add(p);
                }
            }
        }
        out.sort(null);
        return out;
    }

    /**
     * Of {@link #uncommittedFiles}, those of an encoder or multi-code model that a finished commit replaced or dropped
     * (a later {@code --hash} or {@code --multi-code}): not what a stopped commit left, although the next writer
     * removes them alike.
     */
    public synchronized List<Path> supersededFiles() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : uncommittedFiles()) {
            Matcher m = OLDER_VERSION.matcher(p.getFileName().toString());
            if (!m.matches()) {
                continue;
            }
            int version = Integer.parseInt(m.group(2));
            // a stopped commit writes a model of the next version, or codes of the current one past its generation; a
            // model of the current version the commit does not keep was dropped (--multi-code none)
            boolean replaced = switch (m.group(1)) {
                case "encoder" -> version <= manifest.encoderVersion();
                case "multicode" -> version <= manifest.multiCodeVersion();
                default -> version < manifest.encoderVersion();
            };
            if (replaced) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * Whether manifest.json says what the commit says (a crash between the two leaves it missing or stale, a damaged disk
     * unreadable, until the next writer rewrites it).
     */
    public synchronized boolean manifestFileCurrent() {
        return manifest.equals(parseManifestQuietly(dir.resolve(MANIFEST)));
    }

    /** Whether {@code dir} holds an index: its manifest, or a Lucene commit (a creation stopped before the manifest). */
    public static boolean exists(Path dir) throws IOException {
        return Files.isRegularFile(dir.resolve(MANIFEST)) || hasCommit(dir.resolve(LUCENE_DIR));
    }

    /**
     * Whether the folder holds nothing but what {@link #create} writes before its first commit (the state file, maybe
     * half written, and a Lucene folder of files): nothing of a user's to overwrite. True for an empty folder.
     */
    private static boolean onlyCreationFiles(Path dir) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                String name = p.getFileName().toString();
                if (!name.equals(LUCENE_DIR) && !name.equals(STATE_FILE) && !name.equals(STATE_FILE + Segments.TEMP_SUFFIX)) {
                    return false;
                }
            }
        }
        Path lucene = dir.resolve(LUCENE_DIR);
        if (Files.exists(lucene) && !Files.isDirectory(lucene)) {
            return false;
        }
        if (Files.isDirectory(lucene)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(lucene)) {
                for (Path p : s) {
                    if (Files.isDirectory(p)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static boolean hasCommit(Path lucene) throws IOException {
        if (!Files.isDirectory(lucene)) {
            return false;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(lucene, "segments_*")) {
            return s.iterator().hasNext();
        }
    }

    private void checkOrdinal(int ordinal) {
        if (ordinal < 0 || ordinal >= size()) {
            throw new IllegalArgumentException("ordinal " + ordinal + " out of range 0.." + (size() - 1));
        }
    }

    @Override
    public String toString() {
        return "IndexStore[" + dir + ", " + size() + " patches, " + config + "]";
    }
}
