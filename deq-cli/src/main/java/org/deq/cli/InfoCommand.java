package org.deq.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.deq.archive.SceneTiles;
import org.deq.hash.Encoders;
import org.deq.store.IndexStore;
import org.deq.store.IndexSummary;
import org.deq.store.TrainingSplit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code deq info}: what an index holds, without reading its manifest by hand. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"What an index holds: patches, descriptor, hashing, labels, times and extent.",
                "The patches and commits, the descriptor and distance, the hash encoder and multi-code model if any, the",
                "labels with their counts, the range of acquisition times and the extent of the footprints."})
final class InfoCommand implements Callable<Integer> {

    /** Labels listed by name; more are counted. */
    private static final int LABELS_SHOWN = 50;

    @Spec
    CommandSpec spec;

    @Option(names = "--index", required = true, description = "Index directory.")
    Path index;

    @Option(names = "--json", description = "Write the summary as JSON to this file.")
    Path json;

    @Option(names = "--verify", description = "Also read every data file and check its checksum (the vectors: about a second per GB).")
    boolean verify;

    @Override
    public Integer call() throws IOException {
        OutputFiles.prepareJson("--json", json, index);
        IndexSummary s;
        String outdated;
        int readers;
        int tile;
        PrintWriter out = spec.commandLine().getOut();
        try (IndexStore store = IndexStore.open(index)) {
            s = IndexSummary.of(store);
            outdated = store.outdatedReadersNote();
            readers = store.readersRevision();
            String window = store.firstId(SceneTiles::isWindowId);
            tile = window == null ? -1 : SceneTiles.windowSize(store.meta(store.ordinal(window)).source());
            if (verify) { // a damaged file is the command's one-line error
                out.printf("verified    %d data files and the Lucene index: sizes and checksums match%n", store.verify());
                List<Path> superseded = store.supersededFiles();
                if (!superseded.isEmpty()) {
                    out.printf("note: %s of an encoder or multi-code model a later commit replaced (the next writer"
                            + " removes them): %s%n", Format.count(superseded.size(), "file", "files"),
                            superseded.stream().map(f -> f.getFileName().toString()).collect(Collectors.joining(", ")));
                }
                List<Path> leftovers = new ArrayList<>(store.uncommittedFiles());
                leftovers.removeAll(superseded);
                if (!leftovers.isEmpty()) {
                    // a running ingest's commit in progress writes such files too: without taking the index's lock,
                    // which would make that ingest's next start fail, the two cannot be told apart
                    out.printf("note: %s no commit refers to (left by a commit that did not finish, or being written by"
                            + " one in progress; the next writer removes what was left): %s%n",
                            Format.count(leftovers.size(), "file", "files"),
                            leftovers.stream().map(f -> f.getFileName().toString()).collect(Collectors.joining(", ")));
                }
                if (!store.manifestFileCurrent()) {
                    out.println("note: manifest.json is missing, damaged or older than the commit (a commit stopped"
                            + " before rewriting it, or could not write it); the index reads its commit, and the next"
                            + " writer rewrites the file");
                }
            }
        }
        out.printf("index       %s%n", index);
        out.printf("patches     %d (%s)%n", s.patches(), Format.count(s.generation(), "commit", "commits"));
        if (tile > 0) { // what deq index --tile must be given to add scenes to this index
            out.printf("scenes      cut into %dx%d patches (deq index --tile %d adds more)%n", tile, tile, tile);
        }
        out.printf("descriptor  %s (dimension %d)%n", s.descriptor(), s.dimension());
        out.printf("distance    %s%n", s.distance());
        out.printf("hash        %s%s%n", s.encoder() == null ? "none (deq index --out DIR --hash lsh:bits=64 adds one)" : s.encoder(),
                trainedOn(s));
        out.printf("multi-code  %s%n", s.multiCodeModel() != null ? s.multiCodeModel()
                : s.multiCode() ? "stored, unreadable (deq info --verify names the file)" : "none");
        out.printf("acquired    %s%n", s.firstAcquired() == null ? "no times" : s.firstAcquired() + " to " + s.lastAcquired());
        List<Double> e = s.extent();
        out.printf("footprints  %d%s%n", s.georeferenced(), e == null ? ""
                : String.format(Locale.ROOT, ", extent lon %.4f..%.4f%s, lat %.4f..%.4f", e.get(0), e.get(2),
                        e.get(2) < e.get(0) ? " (across the antimeridian)" : "", e.get(1), e.get(3)));
        if (!s.flags().isEmpty()) {
            List<String> flags = new ArrayList<>();
            s.flags().forEach((flag, count) -> flags.add(flag + " " + count));
            out.printf("flags       %s%n", String.join(", ", flags));
        }
        out.printf("labels      %d%n", s.labels().size());
        int shown = 0;
        for (Map.Entry<String, Integer> l : s.labels().entrySet()) {
            if (shown++ == LABELS_SHOWN) {
                out.printf("  ... and %d more (--json lists them all)%n", s.labels().size() - LABELS_SHOWN);
                break;
            }
            out.printf("  %7d  %s%n", l.getValue(), l.getKey());
        }
        if (outdated != null) {
            out.println("note: " + outdated);
        }
        if (json != null) {
            Map<String, Object> doc = new ObjectMapper().convertValue(s, new TypeReference<LinkedHashMap<String, Object>>() { });
            if (tile > 0) { // the --tile an index of scene patches is added to with, as the text says
                doc.put("sceneTile", tile);
            }
            doc.put("readers", readers); // a script can find the indexes to rebuild after an upgrade
            doc.put("notes", outdated == null ? List.of() : List.of(outdated));
            OutputFiles.writeJson(json, doc);
            out.println("wrote " + json);
        }
        return 0;
    }

    /** How the encoder was trained: on which split's train part (supervised), or on every patch. */
    private static String trainedOn(IndexSummary s) {
        TrainingSplit t = s.encoderTrainedOn();
        if (s.encoder() == null) {
            return "";
        }
        if (t == null) { // an index written before the split was recorded has none for its supervised encoder either
            return Encoders.supervised(s.encoder()) ? ", its training split not recorded" : ", trained without labels";
        }
        return ", trained on the labels of the " + t.split() + " split's train part (seed "
                + t.seed() + ", over " + t.items() + " patches)";
    }
}
