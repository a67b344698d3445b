package org.deq.raster;

/**
 * Puts a band onto another pixel grid covering the same ground, e.g. Sentinel-2 20 m (60x60) and 60 m (20x20) bands
 * onto the 10 m grid (120x120).
 *
 * <p>Bilinear, not nearest: nearest would turn each 20/60 m pixel into a flat 2x2/6x6 block whose artificial edges
 * look like texture to LBP/SIFT descriptors; bilinear never leaves the range of the neighbouring values (unlike
 * bicubic), so reflectances stay physical. Pixel centres are aligned (GDAL's convention), so the grids cover the
 * same extent.
 */
public final class Resample {

    private Resample() {
    }

    /** The row-major {@code srcWidth x srcHeight} band bilinearly resampled to {@code width x height}; the same array when sizes match. */
    public static float[] bilinear(float[] src, int srcWidth, int srcHeight, int width, int height) {
        if (src.length != srcWidth * srcHeight) {
            throw new IllegalArgumentException("band has " + src.length + " values, expected " + srcWidth + "x" + srcHeight);
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("bad target size " + width + "x" + height);
        }
        if (srcWidth == width && srcHeight == height) {
            return src;
        }
        int[] x0 = new int[width];
        int[] x1 = new int[width];
        float[] fx = new float[width];
        axis(srcWidth, width, x0, x1, fx);
        int[] y0 = new int[height];
        int[] y1 = new int[height];
        float[] fy = new float[height];
        axis(srcHeight, height, y0, y1, fy);
        float[] out = new float[width * height];
        for (int y = 0; y < height; y++) {
            int r0 = y0[y] * srcWidth;
            int r1 = y1[y] * srcWidth;
            float wy = fy[y];
            int o = y * width;
            for (int x = 0; x < width; x++) {
                float top = src[r0 + x0[x]] + (src[r0 + x1[x]] - src[r0 + x0[x]]) * fx[x];
                float bottom = src[r1 + x0[x]] + (src[r1 + x1[x]] - src[r1 + x0[x]]) * fx[x];
                out[o + x] = top + (bottom - top) * wy;
            }
        }
        return out;
    }

    /** Source neighbours and weight for each target index along one axis; edges clamp to the border pixel. */
    private static void axis(int srcSize, int size, int[] lo, int[] hi, float[] frac) {
        double ratio = (double) srcSize / size;
        for (int i = 0; i < size; i++) {
            double s = Math.max(0, Math.min(srcSize - 1, (i + 0.5) * ratio - 0.5));
            int l = (int) Math.floor(s);
            lo[i] = l;
            hi[i] = Math.min(l + 1, srcSize - 1);
            frac[i] = (float) (s - l);
        }
    }

    /**
     * The band resampled with Keys' cubic convolution (a = -0.5), pixel centres aligned as in {@link #bilinear}, edges
     * clamped. Sharper than bilinear, but it may overshoot the neighbouring values: the baseline of band sharpening,
     * not the grid of the descriptors.
     */
    public static float[] bicubic(float[] src, int srcWidth, int srcHeight, int width, int height) {
        if (src.length != srcWidth * srcHeight) {
            throw new IllegalArgumentException("band has " + src.length + " values, expected " + srcWidth + "x" + srcHeight);
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("bad target size " + width + "x" + height);
        }
        int[][] xs = new int[width][4];
        float[][] wx = new float[width][4];
        cubicAxis(srcWidth, width, xs, wx);
        int[][] ys = new int[height][4];
        float[][] wy = new float[height][4];
        cubicAxis(srcHeight, height, ys, wy);
        float[] out = new float[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float sum = 0;
                for (int j = 0; j < 4; j++) {
                    int row = ys[y][j] * srcWidth;
                    float across = 0;
                    for (int i = 0; i < 4; i++) {
                        across += src[row + xs[x][i]] * wx[x][i];
                    }
                    sum += across * wy[y][j];
                }
                out[y * width + x] = sum;
            }
        }
        return out;
    }

    /**
     * The band averaged over {@code factor x factor} blocks: what a sensor with {@code factor} times larger pixels would
     * see (an ideal box response), e.g. 10 m bands on the 20 m grid. Sizes must be multiples of {@code factor}.
     */
    public static float[] boxDown(float[] src, int srcWidth, int srcHeight, int factor) {
        if (factor < 1 || srcWidth % factor != 0 || srcHeight % factor != 0 || src.length != srcWidth * srcHeight) {
            throw new IllegalArgumentException("cannot average a " + srcWidth + "x" + srcHeight + " band over " + factor + "x"
                    + factor + " blocks");
        }
        int w = srcWidth / factor;
        int h = srcHeight / factor;
        float[] out = new float[w * h];
        float scale = 1f / (factor * factor);
        for (int y = 0; y < srcHeight; y++) {
            int row = (y / factor) * w;
            for (int x = 0; x < srcWidth; x++) {
                out[row + x / factor] += src[y * srcWidth + x];
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] *= scale;
        }
        return out;
    }

    /** The four source neighbours and Keys weights for each target index along one axis; edges clamp. */
    private static void cubicAxis(int srcSize, int size, int[][] at, float[][] weight) {
        double ratio = (double) srcSize / size;
        for (int i = 0; i < size; i++) {
            double s = (i + 0.5) * ratio - 0.5;
            int base = (int) Math.floor(s);
            double t = s - base;
            for (int k = 0; k < 4; k++) {
                at[i][k] = Math.max(0, Math.min(srcSize - 1, base - 1 + k));
                weight[i][k] = (float) keys(t - (k - 1));
            }
        }
    }

    /** Keys' cubic convolution kernel with a = -0.5. */
    private static double keys(double d) {
        double x = Math.abs(d);
        if (x <= 1) {
            return (1.5 * x - 2.5) * x * x + 1;
        }
        if (x < 2) {
            return ((-0.5 * x + 2.5) * x - 4) * x + 2;
        }
        return 0;
    }
}
