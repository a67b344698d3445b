package org.deq.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.deq.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End-to-end figures on the real UC Merced scenes and multi-label ground truth, with a brute-force k-NN over
 * simple colour features: the 8×4×4 HSV histogram reproduces the reference figures of algorithms.md, and a
 * random ranking meets the label recall expected analytically from the label frequencies.
 */
class UcMercedEvalTest {

    private static final int K = 20;
    private static final int HSV_DIM = 8 * 4 * 4;

    private static LabelTruth truth;
    private static float[] hsv;
    private static float[] meanRgb;
    private static int[] all;

    @BeforeAll
    static void readScenes() throws IOException {
        Path ucm = TestData.require("uc-merced-landuse");
        LabelMatrix matrix = LabelMatrix.read(ucm.resolve("multilabels/LandUse_Multilabeled.txt"));
        List<String> ids = matrix.itemIds();
        List<String> classNames = List.copyOf(new TreeSet<>(ids.stream().map(UcMercedEvalTest::classOf).toList()));
        int n = ids.size();
        int[] classes = new int[n];
        for (int item = 0; item < n; item++) {
            classes[item] = classNames.indexOf(classOf(ids.get(item)));
        }
        truth = matrix.truth(classes);
        hsv = new float[n * HSV_DIM];
        meanRgb = new float[n * 3];
        IntStream.range(0, n).parallel().forEach(item -> {
            String id = ids.get(item);
            describe(ucm.resolve("Images").resolve(classOf(id)).resolve(id + ".jpg"), item);
        });
        all = IntStream.range(0, n).toArray();
    }

    private static String classOf(String id) {
        return id.replaceAll("\\d+$", "");
    }

    private static void describe(Path file, int item) {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        float[] hsb = new float[3];
        double r = 0;
        double g = 0;
        double b = 0;
        for (int p : argb) {
            int red = (p >> 16) & 0xff;
            int green = (p >> 8) & 0xff;
            int blue = p & 0xff;
            r += red;
            g += green;
            b += blue;
            Color.RGBtoHSB(red, green, blue, hsb);
            int bin = Math.min(7, (int) (hsb[0] * 8)) * 16 + Math.min(3, (int) (hsb[1] * 4)) * 4 + Math.min(3, (int) (hsb[2] * 4));
            hsv[item * HSV_DIM + bin] += 1f / argb.length;
        }
        meanRgb[item * 3] = (float) (r / argb.length / 255);
        meanRgb[item * 3 + 1] = (float) (g / argb.length / 255);
        meanRgb[item * 3 + 2] = (float) (b / argb.length / 255);
    }

    @Test
    void hsvHistogramReproducesReferenceFigures() {
        EvalReport report = new RetrievalEvaluator(2).evaluate(EvalProtocol.allVsAll(), truth,
                new BruteForceKnn(hsv, HSV_DIM, all, BruteForceKnn.Distance.CHI_SQUARED), K);
        System.out.println("UC Merced, HSV 8x4x4, chi2 k-NN:\n" + report.toTable());
        // algorithms.md: label recall@20 0.677, label precision@20 0.658, single-label mAP@20 0.700
        assertThat(report.labelRecallAtK()).isCloseTo(0.677, within(0.005));
        assertThat(report.labelPrecisionAtK()).isCloseTo(0.658, within(0.005));
        assertThat(report.mapAtK()).isCloseTo(0.700, within(0.005));
        assertThat(report.queries()).isEqualTo(2100);
    }

    @Test
    void meanRgbOnTestSplitIsInASaneRange() {
        EvalProtocol protocol = new EvalProtocol(EvalProtocol.Scope.TEST, EvalProtocol.Scope.TEST, 60, 1, true);
        int[] database = protocol.resolve(truth).database();
        EvalReport report = new RetrievalEvaluator(2).evaluate(protocol, truth,
                new BruteForceKnn(meanRgb, 3, database, BruteForceKnn.Distance.SQUARED_L2), K);
        System.out.println("UC Merced, mean RGB, L2 k-NN, test vs test:\n" + report.toTable());
        assertThat(report.queries()).isEqualTo(840);
        // chance precision is 39/839 ≈ 0.046 for 40 test images per class
        assertThat(report.precisionAtK()).isBetween(0.1, 0.6);
        assertThat(report.mapFull()).isBetween(0.08, 0.5).isLessThan(report.mapAtK());
        assertThat(report.ndcgAtK()).isBetween(0.3, 0.9);
        assertThat(report.hammingLossAtK()).isBetween(0.05, 0.4);
    }

    @Test
    void randomRankingMeetsAnalyticLabelRecall() {
        int n = truth.size();
        int[] frequency = new int[truth.labelCount()];
        for (int item = 0; item < n; item++) {
            for (int label : truth.labelsOf(item)) {
                frequency[label]++;
            }
        }
        // E[|Lq ∩ Lr| / |Lq|] for r drawn uniformly from the other n−1 items = (1/|Lq|) Σ_{l∈Lq} (f_l − 1)/(n − 1)
        double expectedLabelRecall = 0;
        for (int q = 0; q < n; q++) {
            double sum = 0;
            for (int label : truth.labelsOf(q)) {
                sum += (frequency[label] - 1.0) / (n - 1);
            }
            expectedLabelRecall += sum / truth.labelSetSize(q) / n;
        }
        Ranker random = (q, k) -> {
            int[] order = IntStream.range(0, n).toArray();
            Random rng = new Random(q);
            for (int i = 0; i < k; i++) {
                int j = i + rng.nextInt(n - i);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
            return Arrays.copyOf(order, k);
        };
        EvalReport report = new RetrievalEvaluator(2).evaluate(EvalProtocol.allVsAll(), truth, random, K);
        System.out.printf("random ranking: label recall@20 %.4f, expected %.4f%n", report.labelRecallAtK(), expectedLabelRecall);
        assertThat(report.labelRecallAtK()).isCloseTo(expectedLabelRecall, within(0.01));
        // 99 of the 2099 other images share the query's class
        assertThat(report.precisionAtK()).isCloseTo(99.0 / 2099, within(0.006));
    }
}
