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
        return bilinear(src, srcWidth, srcHeight, width, height, 0, 0);
    }

    /**
     * The band bilinearly resampled to {@code width x height}, where the source grid's upper-left corner lies
     * {@code offsetX, offsetY} target pixels right of and below the target's (0, 0: the grids cover the same extent).
     */
    public static float[] bilinear(float[] src, int srcWidth, int srcHeight, int width, int height, double offsetX, double offsetY) {
        checkSizes(src, srcWidth, srcHeight, width, height);
        if (srcWidth == width && srcHeight == height && offsetX == 0 && offsetY == 0) {
            return src;
        }
        int[] x0 = new int[width];
        int[] x1 = new int[width];
        float[] fx = new float[width];
        axis(srcWidth, width, offsetX, x0, x1, fx);
        int[] y0 = new int[height];
        int[] y1 = new int[height];
        float[] fy = new float[height];
        axis(srcHeight, height, offsetY, y0, y1, fy);
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

    /**
     * The band resampled to {@code width x height} by nearest neighbour (the source pixel under each target pixel's
     * centre), grids placed as in {@link #bilinear(float[], int, int, int, int, double, double)}: for masks such as
     * no-data pixels, where an interpolated value means nothing; the same array when sizes match.
     */
    public static float[] nearest(float[] src, int srcWidth, int srcHeight, int width, int height, double offsetX, double offsetY) {
        checkSizes(src, srcWidth, srcHeight, width, height);
        if (srcWidth == width && srcHeight == height && offsetX == 0 && offsetY == 0) {
            return src;
        }
        int[] xs = new int[width];
        for (int x = 0; x < width; x++) {
            xs[x] = under(x, srcWidth, width, offsetX);
        }
        float[] out = new float[width * height];
        for (int y = 0; y < height; y++) {
            int row = under(y, srcHeight, height, offsetY) * srcWidth;
            for (int x = 0; x < width; x++) {
                out[y * width + x] = src[row + xs[x]];
            }
        }
        return out;
    }

    /** The source pixel under target pixel {@code i}'s centre, clamped to the source. */
    private static int under(int i, int srcSize, int size, double offset) {
        return (int) Math.max(0, Math.min(srcSize - 1, Math.floor((i + 0.5 - offset) * srcSize / size)));
    }

    /** The source position, in source pixel-centre units, of target pixel {@code i}'s centre. */
    private static double sourceCentre(int i, int srcSize, int size, double offset) {
        return (i + 0.5 - offset) * srcSize / size - 0.5;
    }

    /** Source neighbours and weight for each target index along one axis; edges clamp to the border pixel. */
    private static void axis(int srcSize, int size, double offset, int[] lo, int[] hi, float[] frac) {
        for (int i = 0; i < size; i++) {
            double s = Math.max(0, Math.min(srcSize - 1, sourceCentre(i, srcSize, size, offset)));
            int l = (int) Math.floor(s);
            lo[i] = l;
            hi[i] = Math.min(l + 1, srcSize - 1);
            frac[i] = (float) (s - l);
        }
    }

    /**
     * The band resampled with Keys' cubic convolution (a = -0.5), grids placed as in
     * {@link #bilinear(float[], int, int, int, int, double, double)}, edges clamped. Sharper than bilinear, but it may
     * overshoot the neighbouring values: the baseline of band sharpening, not the grid of the descriptors.
     */
    public static float[] bicubic(float[] src, int srcWidth, int srcHeight, int width, int height, double offsetX, double offsetY) {
        checkSizes(src, srcWidth, srcHeight, width, height);
        int[][] xs = new int[width][4];
        float[][] wx = new float[width][4];
        cubicAxis(srcWidth, width, offsetX, xs, wx);
        int[][] ys = new int[height][4];
        float[][] wy = new float[height][4];
        cubicAxis(srcHeight, height, offsetY, ys, wy);
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
     * What a sensor with {@code factor} times larger pixels would see (an ideal box response), e.g. 10 m bands on the
     * 20 m grid: each coarse pixel is the area-weighted mean of the fine pixels it covers, the coarse grid's
     * upper-left corner lying {@code offsetX, offsetY} fine pixels right of and below the fine one's (Sentinel-2 grids
     * exported by Earth Engine put it half a 10 m pixel up and left); pixels beyond the edge repeat the border. Sizes
     * must be multiples of {@code factor}.
     */
    public static float[] average(float[] src, int srcWidth, int srcHeight, int factor, double offsetX, double offsetY) {
        return down(src, srcWidth, srcHeight, factor, offsetX, offsetY, 0);
    }

    /**
     * What a sensor with {@code factor} times larger pixels and a Gaussian point spread of {@code sigma} fine pixels
     * would see: each coarse pixel is the Gaussian-weighted mean of the fine pixels around its centre (the grids placed
     * as in {@link #average}). Wald's protocol degrades with it to match a sensor's modulation transfer function:
     * {@link #mtfSigma} gives the sigma whose response at the coarse grid's Nyquist frequency is a given value.
     */
    public static float[] gaussianDown(float[] src, int srcWidth, int srcHeight, int factor, double sigma, double offsetX,
                                       double offsetY) {
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("Gaussian sigma must be positive, got " + sigma);
        }
        return down(src, srcWidth, srcHeight, factor, offsetX, offsetY, sigma);
    }

    /**
     * The sigma, in fine pixels, of a Gaussian whose modulation transfer at the Nyquist frequency of a grid
     * {@code factor} times coarser is {@code mtf} (Sentinel-2 MSI: about 0.3).
     */
    public static double mtfSigma(int factor, double mtf) {
        double nyquist = 1.0 / (2 * factor); // cycles per fine pixel
        return Math.sqrt(-Math.log(mtf) / (2 * Math.PI * Math.PI * nyquist * nyquist));
    }

    /** Separable resampling by {@code factor}: box footprints when {@code sigma} is 0, else Gaussian ones. */
    private static float[] down(float[] src, int srcWidth, int srcHeight, int factor, double offsetX, double offsetY,
                                double sigma) {
        if (factor < 1 || srcWidth % factor != 0 || srcHeight % factor != 0 || src.length != srcWidth * srcHeight) {
            throw new IllegalArgumentException("cannot average a " + srcWidth + "x" + srcHeight + " band over " + factor + "x"
                    + factor + " blocks");
        }
        int w = srcWidth / factor;
        int h = srcHeight / factor;
        int[][] xi = new int[w][];
        float[][] xw = new float[w][];
        int[][] yi = new int[h][];
        float[][] yw = new float[h][];
        if (sigma > 0) {
            gaussianFootprint(srcWidth, factor, offsetX, sigma, xi, xw);
            gaussianFootprint(srcHeight, factor, offsetY, sigma, yi, yw);
        } else {
            footprint(srcWidth, factor, offsetX, xi, xw);
            footprint(srcHeight, factor, offsetY, yi, yw);
        }
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float sum = 0;
                for (int j = 0; j < yi[y].length; j++) {
                    int row = yi[y][j] * srcWidth;
                    float across = 0;
                    for (int i = 0; i < xi[x].length; i++) {
                        across += src[row + xi[x][i]] * xw[x][i];
                    }
                    sum += across * yw[y][j];
                }
                out[y * w + x] = sum;
            }
        }
        return out;
    }

    /**
     * Fine pixels within 3 sigma of each coarse pixel's centre along one axis, with normalised Gaussian weights of their
     * centres' distances from it; edges clamp.
     */
    private static void gaussianFootprint(int fineSize, int factor, double offset, double sigma, int[][] at, float[][] weight) {
        for (int j = 0; j < at.length; j++) {
            double centre = offset + factor * (j + 0.5); // in fine pixel coordinates, pixel k spanning [k, k + 1)
            int first = (int) Math.floor(centre - 3 * sigma - 0.5);
            int last = (int) Math.ceil(centre + 3 * sigma - 0.5);
            at[j] = new int[last - first + 1];
            weight[j] = new float[last - first + 1];
            double total = 0;
            double[] raw = new double[last - first + 1];
            for (int k = first; k <= last; k++) {
                double d = k + 0.5 - centre;
                raw[k - first] = Math.exp(-d * d / (2 * sigma * sigma));
                total += raw[k - first];
            }
            for (int k = first; k <= last; k++) {
                at[j][k - first] = Math.max(0, Math.min(fineSize - 1, k));
                weight[j][k - first] = (float) (raw[k - first] / total);
            }
        }
    }

    /** Fine pixels covered by each coarse pixel along one axis, with their shares of it (summing to 1); edges clamp. */
    private static void footprint(int fineSize, int factor, double offset, int[][] at, float[][] weight) {
        for (int j = 0; j < at.length; j++) {
            double start = (double) factor * j + offset;
            double end = start + factor;
            int first = (int) Math.floor(start);
            int last = (int) Math.ceil(end) - 1;
            at[j] = new int[last - first + 1];
            weight[j] = new float[last - first + 1];
            for (int k = first; k <= last; k++) {
                at[j][k - first] = Math.max(0, Math.min(fineSize - 1, k));
                weight[j][k - first] = (float) ((Math.min(k + 1, end) - Math.max(k, start)) / factor);
            }
        }
    }

    /** The four source neighbours and Keys weights for each target index along one axis; edges clamp. */
    private static void cubicAxis(int srcSize, int size, double offset, int[][] at, float[][] weight) {
        for (int i = 0; i < size; i++) {
            double s = sourceCentre(i, srcSize, size, offset);
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

    private static void checkSizes(float[] src, int srcWidth, int srcHeight, int width, int height) {
        if (src.length != srcWidth * srcHeight) {
            throw new IllegalArgumentException("band has " + src.length + " values, expected " + srcWidth + "x" + srcHeight);
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("bad target size " + width + "x" + height);
        }
    }
}
