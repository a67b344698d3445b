package org.deq.describe;

import boofcv.abst.feature.dense.DescribeImageDense;
import boofcv.factory.feature.dense.ConfigDenseSift;
import boofcv.factory.feature.dense.DenseSampling;
import boofcv.factory.feature.dense.FactoryDescribeImageDense;
import boofcv.struct.feature.TupleDesc_F64;
import boofcv.struct.image.GrayF32;
import georegression.struct.point.Point2D_I32;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.deq.raster.Patch;
import org.deq.vectors.KMeans;
import org.deq.vectors.Vectors;

/**
 * {@code sift-bovw:k=512,step=8,pyramid=0,scales=4}: bag of visual words over dense SIFT (BoofCV) of the luminance,
 * sampled every {@code step} pixels at each sub-region width in {@code scales} (4 = 16 x 16 pixel descriptors),
 * RootSIFT-normalised (L1 then square root); words from a k-means codebook learnt by {@link #fit}. With
 * {@code pyramid=L} the word histogram is also taken on 2x2 ... 2^L x 2^L cells (Lazebnik et al. 2006); each level
 * sums to 1/(L+1), so the whole vector sums to 1.
 */
public final class SiftBovw implements Descriptor {

    static final Set<String> PARAMS = Set.of("k", "step", "pyramid", "scales");

    private static final int SIFT_DIM = 128;
    /** Descriptors drawn per sample image and in total for k-means: enough for stable words, fast to cluster. */
    private static final int FIT_PER_IMAGE = 150;
    private static final int FIT_MAX = 60_000;
    private static final int FIT_ITERATIONS = 12;

    private final int k;
    private final int step;
    private final int pyramid;
    /** SIFT sub-region widths in pixels; a descriptor covers 4 x 4 sub-regions, so 4 means 16 x 16 pixels. */
    private final int[] scales;
    /** k x 128 codebook, row-major; null until fitted. */
    private final float[] codebook;
    private final float[] codebookNorms;

    /** An unfitted descriptor; {@link #fit} learns the codebook. */
    public SiftBovw(int k, int step, int pyramid, int[] scales) {
        this(k, step, pyramid, scales, null);
    }

    private SiftBovw(int k, int step, int pyramid, int[] scales, float[] codebook) {
        if (k < 2 || step < 1 || pyramid < 0 || scales.length == 0) {
            throw new IllegalArgumentException("sift-bovw: k must be >= 2, step >= 1, pyramid >= 0, scales non-empty");
        }
        this.k = k;
        this.step = step;
        this.pyramid = pyramid;
        this.scales = scales.clone();
        this.codebook = codebook;
        this.codebookNorms = codebook == null ? null : KMeans.norms(codebook, k, SIFT_DIM);
    }

    static SiftBovw of(SpecParams p) {
        p.only(PARAMS);
        return new SiftBovw(p.integer("k", 512, 2, 65_536), p.integer("step", 8, 1, 256), p.integer("pyramid", 0, 0, 4),
                p.integers("scales", new int[] {4}, 1, 32));
    }

    /** Restores a fitted descriptor saved by {@link #writeState}. */
    static SiftBovw read(SpecParams p, DataInput in) throws IOException {
        SiftBovw blank = of(p);
        int savedK = in.readInt();
        int savedDim = in.readInt();
        if (savedK != blank.k || savedDim != SIFT_DIM) {
            throw new IOException("sift-bovw: saved codebook is " + savedK + "x" + savedDim
                    + ", spec says k=" + blank.k);
        }
        float[] words = new float[savedK * savedDim];
        for (int i = 0; i < words.length; i++) {
            words[i] = in.readFloat();
        }
        return new SiftBovw(blank.k, blank.step, blank.pyramid, blank.scales, words);
    }

    @Override
    public String spec() {
        return "sift-bovw:k=" + k + ",step=" + step + ",pyramid=" + pyramid + ",scales=" + SpecParams.join(scales);
    }

    @Override
    public int dimension() {
        int cells = 0;
        for (int l = 0; l <= pyramid; l++) {
            cells += 1 << (2 * l);
        }
        return k * cells;
    }

    @Override
    public boolean needsFit() {
        return codebook == null;
    }

    @Override
    public SiftBovw fit(List<Patch> sample, long seed) {
        Random random = new Random(seed);
        int perImage = Math.max(1, Math.min(FIT_PER_IMAGE, FIT_MAX / Math.max(1, sample.size())));
        float[] pool = new float[Math.min(FIT_MAX, perImage * sample.size()) * SIFT_DIM];
        int n = 0;
        for (Patch patch : sample) {
            Features f = denseSift(patch);
            for (int j = 0; j < perImage && n * SIFT_DIM < pool.length && f.count > 0; j++) {
                System.arraycopy(f.values, random.nextInt(f.count) * SIFT_DIM, pool, n * SIFT_DIM, SIFT_DIM);
                n++;
            }
        }
        if (n < k) { // each picture gives at most FIT_PER_IMAGE samples: with a coarse step, often none
            throw new IllegalArgumentException("sift-bovw: the " + sample.size() + " fitting pictures give " + n + " SIFT samples"
                    + " for k=" + k + " words; use a smaller step (now " + step + ") or k, or fit on more pictures (deq index --fit-sample)");
        }
        return new SiftBovw(k, step, pyramid, scales, KMeans.fit(pool, n, SIFT_DIM, k, FIT_ITERATIONS, seed));
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        requireFitted();
        out.writeInt(k);
        out.writeInt(SIFT_DIM);
        for (float v : codebook) {
            out.writeFloat(v);
        }
    }

    @Override
    public float[] describe(Patch patch) {
        requireFitted();
        Features f = denseSift(patch);
        if (f.count == 0) { // an empty bag ties with everything
            throw new IllegalArgumentException("patch " + patch.meta().id() + " is " + patch.width() + "x" + patch.height()
                    + " pixels, too small for one dense SIFT descriptor");
        }
        float[] out = new float[dimension()];
        int w = patch.width();
        int h = patch.height();
        for (int i = 0; i < f.count; i++) {
            int word = KMeans.nearest(codebook, codebookNorms, k, SIFT_DIM, f.values, i * SIFT_DIM);
            int levelOffset = 0;
            for (int l = 0; l <= pyramid; l++) {
                int g = 1 << l;
                int cell = (f.ys[i] * g / h) * g + f.xs[i] * g / w;
                out[levelOffset + cell * k + word] += 1f;
                levelOffset += g * g * k;
            }
        }
        int levelOffset = 0;
        for (int l = 0; l <= pyramid; l++) {
            int size = (1 << (2 * l)) * k;
            Vectors.normaliseL1(out, levelOffset, levelOffset + size);
            levelOffset += size;
        }
        Vectors.normaliseL1(out, 0, out.length);
        return out;
    }

    private void requireFitted() {
        if (codebook == null) {
            throw new IllegalStateException(spec() + " has no codebook: fit it on a sample first");
        }
    }

    /** Dense SIFT vectors of one patch (RootSIFT, packed) with their pixel locations. */
    private record Features(float[] values, int[] xs, int[] ys, int count) {
    }

    private Features denseSift(Patch patch) {
        float[] lum = Pixels.luminance(patch);
        GrayF32 image = new GrayF32(patch.width(), patch.height());
        for (int i = 0; i < lum.length; i++) {
            image.data[i] = lum[i] * 255f;
        }
        List<TupleDesc_F64> descs = new ArrayList<>();
        List<Point2D_I32> locs = new ArrayList<>();
        for (int scale : scales) {
            ConfigDenseSift config = new ConfigDenseSift(new DenseSampling(step, step));
            config.sift.widthSubregion = scale;
            // BoofCV describers keep per-image work buffers: each call builds its own, so descriptors stay thread-safe.
            DescribeImageDense<GrayF32, TupleDesc_F64> sift = FactoryDescribeImageDense.sift(config, GrayF32.class);
            sift.process(image);
            descs.addAll(sift.getDescriptions());
            locs.addAll(sift.getLocations());
        }
        int count = descs.size();
        float[] values = new float[count * SIFT_DIM];
        int[] xs = new int[count];
        int[] ys = new int[count];
        for (int i = 0; i < count; i++) {
            double[] d = descs.get(i).data;
            double sum = 0;
            for (double v : d) {
                sum += Math.abs(v);
            }
            double inv = sum > 0 ? 1.0 / sum : 0;
            int o = i * SIFT_DIM;
            for (int j = 0; j < SIFT_DIM; j++) {
                values[o + j] = (float) Math.sqrt(Math.abs(d[j]) * inv);
            }
            xs[i] = locs.get(i).x;
            ys[i] = locs.get(i).y;
        }
        return new Features(values, xs, ys, count);
    }
}
