package org.deq.synth;

import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.function.LongConsumer;
import org.deq.archive.BigEarthNetV1;
import org.deq.archive.BigEarthNetV2;
import org.deq.concurrent.Workers;
import org.deq.io.AtomicFiles;
import org.deq.raster.GeoTiffWriter;
import org.deq.raster.S2Band;

/**
 * Writes a synthetic archive in the BigEarthNet v1.0 layout: {@code <root>/<patch>/<patch>_B01.tif ... _B12.tif,
 * _B8A.tif} (UInt16 GeoTIFFs at native resolution) and {@code <patch>_labels_metadata.json} shaped like the real
 * files, plus {@code "deq_change": {"pair": ..., "type": ...}} on both patches of a pair.
 *
 * <p>Streams: patches are generated and written one by one on a small thread pool with a bounded number in flight,
 * so memory does not grow with the archive size. Every file depends only on the spec and the patch's index, so the
 * same spec writes byte-identical files whatever the thread count.
 */
public final class SyntheticArchiveWriter {

    private static final DateTimeFormatter ACQUISITION = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final int IN_FLIGHT_PER_THREAD = 4;
    // Python's json.dumps layout, as in BigEarthNet: {"a": 1, "b": [2, 3]} on one line
    private static final ObjectWriter JSON = new ObjectMapper().writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEntrySpacing(Separators.Spacing.AFTER)
                    .withArrayValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultPrettyPrinter.NopIndenter())
            .withArrayIndenter(new DefaultPrettyPrinter.NopIndenter()));

    private final GeoTiffWriter.Compression compression;
    private final int threads;

    /**
     * @param compression GeoTIFF compression ({@code NONE} as BigEarthNet, or {@code DEFLATE} for about half the disk)
     * @param threads     worker threads, at least 1
     */
    public SyntheticArchiveWriter(GeoTiffWriter.Compression compression, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("synthetic archive writer needs at least 1 thread: " + threads);
        }
        this.compression = compression;
        this.threads = threads;
    }

    /**
     * Writes every patch of {@code spec} under {@code root} (created when absent; existing patch files are
     * replaced) and returns the number of patches written.
     *
     * @param progress called on the calling thread with the running number of patches written
     */
    public long write(SyntheticArchiveSpec spec, Path root, LongConsumer progress) throws IOException {
        Files.createDirectories(root);
        SyntheticPatchGenerator generator = spec.generator();
        long jobs = spec.patches() + spec.pairs();
        Set<String> snowy = new ConcurrentSkipListSet<>();
        ExecutorService pool = Workers.pool(threads, "deq-synth-writer");
        try {
            CompletionService<Integer> done = new ExecutorCompletionService<>(pool);
            long submitted = 0;
            long finished = 0;
            long written = 0;
            while (finished < jobs) {
                while (submitted < jobs && submitted - finished < (long) threads * IN_FLIGHT_PER_THREAD) {
                    long job = submitted++;
                    done.submit(() -> writeJob(generator, spec, job, root, snowy));
                }
                written += done.take().get();
                finished++;
                progress.accept(written);
            }
            if (spec.snow()) { // as BigEarthNet v1.0 lists its snowy patches, which the reader then flags
                Files.write(root.resolve(BigEarthNetV1.SNOW_LIST), snowy);
            }
            return written;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("synthetic archive writing interrupted");
        } catch (ExecutionException e) {
            throw Workers.unwrap(e, "synthetic archive writing", IOException.class);
        } finally {
            pool.shutdownNow();
        }
    }

    // Job j: single patch j, then one job per pair writing both patches; returns the patches written.
    private int writeJob(SyntheticPatchGenerator generator, SyntheticArchiveSpec spec, long job, Path root, Set<String> snowy)
            throws IOException {
        List<SyntheticScene> scenes;
        if (job < spec.patches()) {
            scenes = List.of(generator.scene(job));
        } else {
            ScenePair pair = generator.pair(job - spec.patches());
            scenes = List.of(pair.before(), pair.after());
        }
        for (SyntheticScene scene : scenes) {
            writeScene(scene, root);
            if (scene.flags().contains(BigEarthNetV2.SNOW)) {
                snowy.add(scene.name());
            }
        }
        return scenes.size();
    }

    /** Writes one patch folder: twelve band GeoTIFFs and the labels JSON. */
    public void writeScene(SyntheticScene scene, Path root) throws IOException {
        Path dir = root.resolve(scene.name());
        Files.createDirectories(dir);
        for (S2Band band : S2Band.values()) {
            int side = SyntheticScene.side(band);
            GeoTiffWriter.writeUInt16(dir.resolve(scene.name() + "_" + band.name() + ".tif"), side, side,
                    new short[][] {scene.band(band)}, scene.zone(), scene.ulx(), scene.uly(), band.metres, compression);
        }
        AtomicFiles.writeOrRemove(dir.resolve(scene.name() + "_labels_metadata.json"),
                labelsJson(scene).getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code _labels_metadata.json} text of a scene, key for key and in the layout of BigEarthNet v1.0. */
    public static String labelsJson(SyntheticScene scene) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode labels = root.putArray("labels");
        scene.labelNames().forEach(labels::add);
        ObjectNode coordinates = root.putObject("coordinates");
        coordinates.put("ulx", scene.ulx());
        coordinates.put("uly", scene.uly());
        coordinates.put("lrx", scene.ulx() + SyntheticScene.EDGE_METRES);
        coordinates.put("lry", scene.uly() - SyntheticScene.EDGE_METRES);
        root.put("projection", scene.zone().wkt());
        root.put("tile_source", scene.tileSource());
        root.put("acquisition_date", ACQUISITION.format(scene.acquired()));
        if (scene.change() != null) {
            ObjectNode change = root.putObject("deq_change");
            change.put("pair", scene.change().partner());
            change.put("type", scene.change().type().jsonName());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
