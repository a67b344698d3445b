package org.deq.hash;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.deq.vectors.KMeans;

/**
 * Multi-code hashing (Reato, Demir &amp; Bruzzone, GRSL 2019): region ("primitive") descriptors of the archive are
 * clustered by k-means; each image gets one code per cluster it has regions in, the code of the mean of those
 * regions under any single-code {@link BinaryEncoder}. {@link MultiCodeSearch} ranks images by matching code sets.
 */
public final class MultiCodeHashing {

    private static final int KMEANS_ITERATIONS = 30;

    private final int dim;
    private final int clusters;
    private final float[] centroids;
    private final BinaryEncoder encoder;

    private MultiCodeHashing(int dim, int clusters, float[] centroids, BinaryEncoder encoder) {
        this.dim = dim;
        this.clusters = clusters;
        this.centroids = centroids;
        this.encoder = encoder;
    }

    /**
     * Clusters the regions (packed regions × dim; {@code owner[r]} = image of region r, in 0..images-1) and trains
     * the code encoder on the per-image cluster means.
     */
    public static MultiCodeHashing train(float[] regions, int[] owner, int images, int dim, int clusters,
                                         EncoderTrainer codeTrainer, long seed) {
        int count = checkRegions(regions, owner, images, dim);
        if (clusters < 1 || clusters > count) {
            throw new IllegalArgumentException("clusters must be in 1.." + count + " (the number of regions), got " + clusters);
        }
        float[] centroids = KMeans.fit(regions, count, dim, clusters, KMEANS_ITERATIONS, seed);
        Aggregated means = aggregate(regions, 1f, owner, images, centroids, clusters, dim);
        BinaryEncoder encoder = codeTrainer.train(means.descriptors, means.cluster.length, dim, null, seed);
        return new MultiCodeHashing(dim, clusters, centroids, encoder);
    }

    /** Restores a model written by {@link #writeState}. */
    public static MultiCodeHashing read(DataInput in) throws IOException {
        int dim = in.readInt();
        int clusters = in.readInt();
        float[] centroids = StateIo.readFloats(in);
        if (centroids.length != clusters * dim) {
            throw new IOException("corrupt multi-code state: " + centroids.length + " centroid floats for " + clusters + " × " + dim);
        }
        BinaryEncoder encoder = Encoders.read(in.readUTF(), in);
        return new MultiCodeHashing(dim, clusters, centroids, encoder);
    }

    /** Number of primitive clusters. */
    public int clusters() {
        return clusters;
    }

    /** The spec of the code encoder, as trained (parameters reduced to fit the cluster means included). */
    public String codeSpec() {
        return encoder.spec();
    }

    /** Writes centroids, the code encoder's spec and its state. */
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(dim);
        out.writeInt(clusters);
        StateIo.writeFloats(out, centroids);
        out.writeUTF(encoder.spec());
        encoder.writeState(out);
    }

    /**
     * The multi-codes of {@code images} images given their regions (same layout as {@link #train}), each region
     * multiplied by {@code scale} first (one region at a time, so an index's whole vector array is never copied).
     */
    public MultiCodes encode(float[] regions, float scale, int[] owner, int images) {
        checkRegions(regions, owner, images, dim);
        Aggregated means = aggregate(regions, scale, owner, images, centroids, clusters, dim);
        return new MultiCodes(encoder.bits(), means.imageStart, means.cluster,
                encoder.encodeAll(means.descriptors, means.cluster.length));
    }

    /** Per image, per cluster present, the mean of the image's regions (times {@code scale}) in that cluster. */
    private static Aggregated aggregate(float[] regions, float scale, int[] owner, int images, float[] centroids,
                                        int clusters, int dim) {
        int count = owner.length;
        // entry key = image × clusters + cluster; counting per key keeps everything in flat arrays
        int[] perKey = new int[images * clusters];
        int[] nearest = new int[count];
        float[] norms = KMeans.norms(centroids, clusters, dim);
        float[] region = new float[dim];
        for (int r = 0; r < count; r++) {
            nearest[r] = KMeans.nearest(centroids, norms, clusters, dim, scaled(regions, r, scale, region), 0);
            perKey[owner[r] * clusters + nearest[r]]++;
        }
        int[] entryOfKey = new int[images * clusters];
        int[] imageStart = new int[images + 1];
        int entries = 0;
        for (int i = 0; i < images; i++) {
            imageStart[i] = entries;
            for (int c = 0; c < clusters; c++) {
                entryOfKey[i * clusters + c] = perKey[i * clusters + c] > 0 ? entries++ : -1;
            }
        }
        imageStart[images] = entries;
        int[] cluster = new int[entries];
        float[] sums = new float[entries * dim];
        for (int r = 0; r < count; r++) {
            int key = owner[r] * clusters + nearest[r];
            int e = entryOfKey[key];
            cluster[e] = nearest[r];
            scaled(regions, r, scale, region);
            for (int d = 0; d < dim; d++) {
                sums[e * dim + d] += region[d] / perKey[key];
            }
        }
        return new Aggregated(imageStart, cluster, sums);
    }

    /** Region {@code r} times {@code scale}, written into {@code out} (of the region dimension). */
    private static float[] scaled(float[] regions, int r, float scale, float[] out) {
        for (int d = 0; d < out.length; d++) {
            out[d] = regions[r * out.length + d] * scale;
        }
        return out;
    }

    private record Aggregated(int[] imageStart, int[] cluster, float[] descriptors) {
    }

    private static int checkRegions(float[] regions, int[] owner, int images, int dim) {
        if (dim <= 0 || images < 0 || (long) owner.length * dim != regions.length) {
            throw new IllegalArgumentException("regions have " + regions.length + " floats for " + owner.length
                    + " owners × dim=" + dim);
        }
        for (int r = 0; r < owner.length; r++) {
            if (owner[r] < 0 || owner[r] >= images) {
                throw new IllegalArgumentException("region " + r + " belongs to image " + owner[r] + ", outside 0.." + (images - 1));
            }
        }
        return owner.length;
    }
}
