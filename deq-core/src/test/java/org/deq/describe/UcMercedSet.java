package org.deq.describe;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.deq.raster.Patch;
import org.deq.raster.PatchMeta;

/**
 * The real UC Merced scene set for descriptor evaluation: images read as R,G,B patches (value / 255), the class
 * folder as single label and the multi-label UCM ground truth as a bit mask per image.
 *
 * @param ids     image names, e.g. {@code agricultural00}
 * @param classes class index (folder) per image
 * @param labels  multi-label bit mask per image (bit j = label column j)
 */
record UcMercedSet(List<String> ids, int[] classes, long[] labels) {

    /** Lists the first {@code perClass} images of every class (all when perClass >= 100), sorted by name. */
    static UcMercedSet load(Path root, int perClass) throws IOException {
        Map<String, Long> masks = readLabels(root.resolve("multilabels/LandUse_Multilabeled.txt"));
        List<Path> classDirs;
        try (var s = Files.list(root.resolve("Images"))) {
            classDirs = s.filter(Files::isDirectory).sorted().toList();
        }
        List<String> ids = new ArrayList<>();
        List<Integer> classes = new ArrayList<>();
        for (int c = 0; c < classDirs.size(); c++) {
            List<Path> files;
            try (var s = Files.list(classDirs.get(c))) {
                files = s.filter(p -> p.toString().endsWith(".jpg")).sorted().limit(perClass).toList();
            }
            for (Path f : files) {
                String name = f.getFileName().toString().replace(".jpg", "");
                ids.add(classDirs.get(c).getFileName() + "/" + name);
                classes.add(c);
            }
        }
        long[] labels = new long[ids.size()];
        for (int i = 0; i < labels.length; i++) {
            String name = ids.get(i).substring(ids.get(i).indexOf('/') + 1);
            Long m = masks.get(name);
            if (m == null) {
                throw new IOException("no multi-label row for " + name);
            }
            labels[i] = m;
        }
        return new UcMercedSet(List.copyOf(ids), classes.stream().mapToInt(Integer::intValue).toArray(), labels);
    }

    /** Reads every image as a patch with bands R,G,B; decodes on {@code threads} threads. */
    List<Patch> patches(Path root, int threads) {
        Patch[] out = new Patch[ids.size()];
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.submit(() -> IntStream.range(0, out.length).parallel().forEach(i -> out[i] = read(root, ids.get(i))))
                    .join();
        } finally {
            pool.shutdown();
        }
        return List.of(out);
    }

    private static Patch read(Path root, String id) {
        Path file = root.resolve("Images").resolve(id + ".jpg");
        try {
            BufferedImage img = ImageIO.read(file.toFile());
            int w = img.getWidth();
            int h = img.getHeight();
            float[][] bands = new float[3][w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int rgb = img.getRGB(x, y);
                    int i = y * w + x;
                    bands[0][i] = ((rgb >> 16) & 255) / 255f;
                    bands[1][i] = ((rgb >> 8) & 255) / 255f;
                    bands[2][i] = (rgb & 255) / 255f;
                }
            }
            return new Patch(PatchMeta.of(id, file.toString()), w, h, List.of("R", "G", "B"), bands);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Long> readLabels(Path file) throws IOException {
        Map<String, Long> masks = new HashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] cols = line.strip().split("\t");
            if (cols.length < 2) {
                continue;
            }
            long m = 0;
            for (int j = 1; j < cols.length; j++) {
                if (cols[j].trim().equals("1")) {
                    m |= 1L << (j - 1);
                }
            }
            masks.put(cols[0].trim(), m);
        }
        return masks;
    }
}
