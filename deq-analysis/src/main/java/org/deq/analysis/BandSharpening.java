package org.deq.analysis;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.deq.raster.Resample;
import org.deq.raster.S2Band;
import org.deq.spec.EnumNames;

/**
 * Super-resolution of Sentinel-2's 20 m bands onto the 10 m grid, guided by the four 10 m bands: a regression of the
 * coarse band on the guides (degraded to its grid) predicts the fine band from the fine guides, and the coarse residual,
 * upsampled, is added back (the regression step of ATPRK, Wang et al., RSE 2016, with cubic instead of kriged
 * residuals). The regression is fitted in a window around each coarse pixel, so each land cover gets its own relation
 * between bands; the coefficients are interpolated onto the fine grid. Pure functions on row-major {@code float[]}.
 */
public final class BandSharpening {

    /** The 10 m bands that guide the sharpening. */
    public static final List<S2Band> GUIDES = List.of(S2Band.B02, S2Band.B03, S2Band.B04, S2Band.B08);
    /** The 20 m bands it sharpens. */
    public static final List<S2Band> SHARPENED = List.of(S2Band.B05, S2Band.B06, S2Band.B07, S2Band.B8A, S2Band.B11, S2Band.B12);

    /** Ridge added to the normal equations, relative to their trace: keeps flat windows (water) solvable. */
    private static final double RIDGE = 1e-4;

    /** How a coarse band is brought onto the fine grid. */
    public enum Method {
        /** Bilinear interpolation (no guide). */
        BILINEAR,
        /** Keys cubic convolution (no guide): the usual baseline. */
        BICUBIC,
        /** One regression on the guides for the whole patch, plus the upsampled residual. */
        GLOBAL_REGRESSION,
        /** A regression per coarse pixel over its neighbourhood, plus the upsampled residual (the default). */
        LOCAL_REGRESSION;

        /** The method of a CLI name such as {@code local-regression}. */
        public static Method parse(String name) {
            return EnumNames.parse(Method.class, name, "sharpening method");
        }

        /** The CLI name, e.g. {@code local-regression}. */
        public String label() {
            return EnumNames.key(this);
        }
    }

    /** Coarse pixels on each side of the centre in a local regression's window (a 7 x 7 window). */
    public static final int LOCAL_RADIUS = 3;

    /** Rings of coarse pixels without data {@link #filled} fills: as far as cubic convolution reaches. */
    private static final int FILL_RINGS = 2;

    private BandSharpening() {
    }

    /**
     * {@link #sharpen(Method, float[], int, int, float[][], int, int, double, double, BitSet)} of grids with the same
     * corner and every pixel holding data.
     */
    public static float[] sharpen(Method method, float[] coarse, int cw, int ch, float[][] guides, int w, int h) {
        return sharpen(method, coarse, cw, ch, guides, w, h, 0, 0, new BitSet());
    }

    /**
     * The {@code cw x ch} band brought onto the {@code w x h} grid ({@code w = f * cw}, {@code h = f * ch} for an
     * integer factor f) by {@code method}; the regressions use {@code guides}, fine bands of {@code w x h}. The coarse
     * grid's upper-left corner lies {@code offsetX, offsetY} fine pixels right of and below the fine grid's
     * ({@link org.deq.raster.GeoRef#offsetOf}). {@code noData} holds the fine pixels without data (row-major; 0 in the
     * bands, Sentinel-2's no data outside the swath): the regressions leave out every coarse pixel that covers one, and
     * its residual is taken as 0, so that those zeros do not bend the fits or the residual beside them; the plain
     * interpolations take the coarse pixels of 0 covering one as their neighbours with data ({@link #filled}). What the
     * result holds at those pixels is left to the caller.
     */
    public static float[] sharpen(Method method, float[] coarse, int cw, int ch, float[][] guides, int w, int h,
                                  double offsetX, double offsetY, BitSet noData) {
        if (cw <= 0 || ch <= 0 || w % cw != 0 || h % ch != 0 || w / cw != h / ch) {
            throw new IllegalArgumentException("cannot sharpen a " + cw + "x" + ch + " band to " + w + "x" + h
                    + ": the fine grid must be the coarse one times a whole factor");
        }
        if (coarse.length != cw * ch) {
            throw new IllegalArgumentException("band has " + coarse.length + " values, expected " + cw + "x" + ch);
        }
        Grid grid = new Grid(cw, ch, w, h, w / cw, offsetX, offsetY);
        return switch (method) {
            case BILINEAR -> Resample.bilinear(filled(coarse, grid, noData), cw, ch, w, h, offsetX, offsetY);
            case BICUBIC -> Resample.bicubic(filled(coarse, grid, noData), cw, ch, w, h, offsetX, offsetY);
            case GLOBAL_REGRESSION -> regression(coarse, grid, guides, noData, Math.max(cw, ch));
            case LOCAL_REGRESSION -> regression(coarse, grid, guides, noData, LOCAL_RADIUS);
        };
    }

    /**
     * {@code coarse} with each pixel without data (0, Sentinel-2's no-data value, covering a fine pixel of {@code noData})
     * set to the mean of its neighbours with data, {@link #FILL_RINGS} rings deep: cubic convolution reaches two coarse
     * pixels beside a fine one, and zeros there pulled the pixels with data beside a swath edge towards 0. The same
     * array when nothing is to fill.
     */
    private static float[] filled(float[] coarse, Grid grid, BitSet noData) {
        if (noData.isEmpty()) {
            return coarse;
        }
        boolean[] covering = grid.covering(noData);
        boolean[] missing = new boolean[coarse.length];
        boolean any = false;
        for (int i = 0; i < coarse.length; i++) {
            missing[i] = covering[i] && coarse[i] == 0f;
            any |= missing[i];
        }
        if (!any) {
            return coarse;
        }
        float[] out = coarse.clone();
        int cw = grid.cw();
        int ch = grid.ch();
        for (int ring = 0; ring < FILL_RINGS; ring++) {
            boolean[] before = missing.clone(); // a ring is filled from the pixels with data before it only
            for (int i = 0; i < out.length; i++) {
                if (!before[i]) {
                    continue;
                }
                int x = i % cw;
                int y = i / cw;
                double sum = 0;
                int n = 0;
                for (int ny = Math.max(0, y - 1); ny <= Math.min(ch - 1, y + 1); ny++) {
                    for (int nx = Math.max(0, x - 1); nx <= Math.min(cw - 1, x + 1); nx++) {
                        if (!before[ny * cw + nx]) {
                            sum += out[ny * cw + nx];
                            n++;
                        }
                    }
                }
                if (n > 0) {
                    out[i] = (float) (sum / n);
                    missing[i] = false;
                }
            }
        }
        return out;
    }

    /** How the coarse grid lies on the fine one. */
    private record Grid(int cw, int ch, int w, int h, int factor, double offsetX, double offsetY) {

        float[] down(float[] fine) {
            return Resample.average(fine, w, h, factor, offsetX, offsetY);
        }

        float[] upLinear(float[] coarse) {
            return Resample.bilinear(coarse, cw, ch, w, h, offsetX, offsetY);
        }

        float[] upCubic(float[] coarse) {
            return Resample.bicubic(coarse, cw, ch, w, h, offsetX, offsetY);
        }

        boolean[] covering(BitSet fine) {
            return BandSharpening.covering(fine, w, h, factor, offsetX, offsetY);
        }
    }

    /**
     * The pixels of a grid {@code factor} times coarser than the {@code w x h} one (placed as by {@link
     * Resample#average}) that cover, with any weight, one of the fine pixels of {@code fine} (row-major).
     */
    static boolean[] covering(BitSet fine, int w, int h, int factor, double offsetX, double offsetY) {
        float[] mask = new float[w * h];
        fine.stream().forEach(i -> mask[i] = 1f);
        float[] share = Resample.average(mask, w, h, factor, offsetX, offsetY);
        boolean[] out = new boolean[share.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = share[i] > 0;
        }
        return out;
    }

    /**
     * Regression in windows of {@code radius} coarse pixels, the prediction on the fine grid, plus the residual; coarse
     * pixels covering a fine one of {@code noData} are left out of the fits and have no residual.
     */
    private static float[] regression(float[] coarse, Grid grid, float[][] guides, BitSet noData, int radius) {
        int cw = grid.cw();
        int ch = grid.ch();
        int w = grid.w();
        int h = grid.h();
        int n = guides.length;
        for (float[] g : guides) {
            if (g.length != w * h) {
                throw new IllegalArgumentException("guide band has " + g.length + " values, expected " + w + "x" + h);
            }
        }
        float[][] low = new float[n][];
        for (int j = 0; j < n; j++) {
            low[j] = grid.down(guides[j]);
        }
        boolean[] left = grid.covering(noData);
        // coefficients per coarse pixel: intercept, then one per guide
        float[][] beta = new float[n + 1][cw * ch];
        double[] a = new double[(n + 1) * (n + 1)];
        double[] b = new double[n + 1];
        double[] x = new double[n + 1];
        boolean global = radius >= Math.max(cw, ch);
        for (int cy = 0; cy < ch; cy++) {
            for (int cx = 0; cx < cw; cx++) {
                if (!global || (cx == 0 && cy == 0)) {
                    fit(coarse, low, left, cw, ch, cx, cy, radius, a, b, x);
                }
                for (int j = 0; j <= n; j++) {
                    beta[j][cy * cw + cx] = (float) x[j];
                }
            }
        }
        float[] fine = new float[w * h];
        for (int j = 0; j <= n; j++) {
            float[] coefficient = grid.upLinear(beta[j]);
            for (int i = 0; i < fine.length; i++) {
                fine[i] += coefficient[i] * (j == 0 ? 1f : guides[j - 1][i]);
            }
        }
        float[] residual = grid.down(fine);
        for (int i = 0; i < residual.length; i++) {
            residual[i] = left[i] ? 0 : coarse[i] - residual[i];
        }
        float[] up = grid.upCubic(residual);
        for (int i = 0; i < fine.length; i++) {
            fine[i] += up[i];
        }
        return fine;
    }

    /**
     * Least squares of the coarse band on the coarse guides (with an intercept) in the window around (cx, cy), the
     * pixels {@code left} out, into x.
     */
    private static void fit(float[] y, float[][] g, boolean[] left, int cw, int ch, int cx, int cy, int radius, double[] a,
                            double[] b, double[] x) {
        int m = g.length + 1;
        Arrays.fill(a, 0);
        Arrays.fill(b, 0);
        double[] row = new double[m];
        row[0] = 1;
        for (int yy = Math.max(0, cy - radius); yy <= Math.min(ch - 1, cy + radius); yy++) {
            for (int xx = Math.max(0, cx - radius); xx <= Math.min(cw - 1, cx + radius); xx++) {
                int p = yy * cw + xx;
                if (left[p]) {
                    continue;
                }
                for (int j = 1; j < m; j++) {
                    row[j] = g[j - 1][p];
                }
                for (int r = 0; r < m; r++) {
                    b[r] += row[r] * y[p];
                    for (int c = 0; c < m; c++) {
                        a[r * m + c] += row[r] * row[c];
                    }
                }
            }
        }
        double trace = 0;
        for (int r = 1; r < m; r++) {
            trace += a[r * m + r];
        }
        for (int r = 1; r < m; r++) { // the intercept is not shrunk
            a[r * m + r] += RIDGE * trace / (m - 1) + 1e-12;
        }
        solve(a, b, x, m);
    }

    /** Solves the m x m system a x = b by Gaussian elimination with partial pivoting (a and b are overwritten). */
    private static void solve(double[] a, double[] b, double[] x, int m) {
        for (int col = 0; col < m; col++) {
            int pivot = col;
            for (int r = col + 1; r < m; r++) {
                if (Math.abs(a[r * m + col]) > Math.abs(a[pivot * m + col])) {
                    pivot = r;
                }
            }
            if (pivot != col) {
                for (int c = 0; c < m; c++) {
                    double t = a[col * m + c];
                    a[col * m + c] = a[pivot * m + c];
                    a[pivot * m + c] = t;
                }
                double t = b[col];
                b[col] = b[pivot];
                b[pivot] = t;
            }
            double d = a[col * m + col];
            if (Math.abs(d) < 1e-300) {
                continue; // a singular column (a constant window): its coefficient stays 0 and the residual carries the band
            }
            for (int r = col + 1; r < m; r++) {
                double f = a[r * m + col] / d;
                for (int c = col; c < m; c++) {
                    a[r * m + c] -= f * a[col * m + c];
                }
                b[r] -= f * b[col];
            }
        }
        for (int r = m - 1; r >= 0; r--) {
            double s = b[r];
            for (int c = r + 1; c < m; c++) {
                s -= a[r * m + c] * x[c];
            }
            double d = a[r * m + r];
            x[r] = Math.abs(d) < 1e-300 ? 0 : s / d;
        }
    }
}
