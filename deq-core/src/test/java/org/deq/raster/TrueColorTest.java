package org.deq.raster;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.deq.TestData;
import org.deq.archive.BigEarthNetV1;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrueColorTest {

    @Test
    void realPatchRendersToAPngOfManyTones(@TempDir Path tmp) throws Exception {
        Patch p = BigEarthNetV1.readPatch(TestData.require("bigearthnet-sample/BigEarthNet-S2-v1.0/S2B_MSIL2A_20170924T93020_69_24"));
        byte[] png = TrueColor.png(p);
        Path file = tmp.resolve("patch.png");
        Files.write(file, png);
        BufferedImage img = ImageIO.read(file.toFile());
        assertThat(img.getWidth()).isEqualTo(120);
        assertThat(img.getHeight()).isEqualTo(120);
        int[] hist = new int[256];
        for (int y = 0; y < 120; y++) {
            for (int x = 0; x < 120; x++) {
                int rgb = img.getRGB(x, y);
                hist[(((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF)) / 3]++;
            }
        }
        int used = 0;
        for (int h : hist) {
            used += h > 0 ? 1 : 0;
        }
        assertThat(used).as("grey levels used").isGreaterThan(60);
    }

    @Test
    void sentinel2ReflectanceHasOneColourInEveryPatch() {
        // the same reflectance in a dark patch and in a bright one: a stretch per patch drew them apart
        float[] darkRed = {0.02f, 0.075f};
        float[] brightRed = {0.075f, 0.6f};
        int[] dark = TrueColor.rgb(s2("dark", darkRed));
        int[] bright = TrueColor.rgb(s2("bright", brightRed));
        assertThat(dark[1]).isEqualTo(bright[0]);
        assertThat(dark[1] >> 16 & 0xFF).isEqualTo(128); // sqrt(0.075 / 0.3) = 0.5
        assertThat(bright[1] >> 16 & 0xFF).isEqualTo(255); // above 0.3: white, as snow and cloud
        int[] gap = TrueColor.rgb(s2("gap", new float[] {Float.NaN, -0.01f}));
        assertThat(gap[0] >> 16 & 0xFF).isZero();
        assertThat(gap[1] >> 16 & 0xFF).isZero();
    }

    private static Patch s2(String id, float[] red) {
        float[] grey = new float[red.length];
        return new Patch(PatchMeta.of(id, ""), red.length, 1, java.util.List.of("B02", "B03", "B04"),
                new float[][] {grey, grey.clone(), red});
    }

    @Test
    void sentinel1PatchRendersItsVvBandAsStretchedGrey() throws Exception {
        Patch p = BigEarthNetV1.readPatch(TestData.require("bigearthnet-sample/BigEarthNet-S1-v1.0/S1A_IW_GRDH_1SDV_20170613T165043_33UUP_61_40"));
        int[] pixels = TrueColor.rgb(p);
        assertThat(pixels).hasSize(120 * 120);
        int min = 255;
        int max = 0;
        for (int rgb : pixels) {
            int r = (rgb >> 16) & 0xFF;
            assertThat(rgb & 0xFF).isEqualTo(r);
            min = Math.min(min, r);
            max = Math.max(max, r);
        }
        // the 2-98 % stretch maps the dB range onto the full 8-bit scale
        assertThat(min).isZero();
        assertThat(max).isEqualTo(255);
    }

    @Test
    void unnamedBandsAreDrawnAsColoursOfTheFirstThree() throws Exception {
        float[] b1 = {0.10f, 0.02f, 0.05f, 0.05f};
        float[] b2 = {0.02f, 0.10f, 0.05f, 0.05f};
        float[] b3 = {0.02f, 0.02f, 0.05f, 0.05f};
        float[] nir = {0.9f, 0.9f, 0.9f, 0.9f};
        Patch p = new Patch(PatchMeta.of("x", ""), 4, 1, java.util.List.of("band1", "band2", "band3", "band4"),
                new float[][] {b1, b2, b3, nir});
        int[] rgb = TrueColor.rgb(p);
        assertThat(rgb[0] >> 16 & 0xFF).isGreaterThan(rgb[0] >> 8 & 0xFF); // band1 bright: red
        assertThat(rgb[1] >> 8 & 0xFF).isGreaterThan(rgb[1] >> 16 & 0xFF); // band2 bright: green
        assertThat(rgb[0] >> 16 & 0xFF).isEqualTo(255); // stretched, not the dark 0.1 of 1
    }

    @Test
    void rgbPatchIsDrawnAsIs() throws Exception {
        float[] r = {0f, 1f};
        float[] g = {0.5f, 0f};
        float[] b = {1f, 0f};
        Patch p = new Patch(PatchMeta.of("x", ""), 2, 1, ImageFiles.RGB, new float[][] {r, g, b});
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(TrueColor.png(p)));
        assertThat(img.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0x0080FF);
        assertThat(img.getRGB(1, 0) & 0xFFFFFF).isEqualTo(0xFF0000);
    }

    @Test
    void aLargePatchIsShrunkByAveragingToTheLongestEdgeAsked() throws Exception {
        int w = 600;
        int h = 300;
        float[] r = new float[w * h];
        float[] g = new float[w * h];
        float[] b = new float[w * h];
        for (int i = 0; i < r.length; i++) { // columns alternately black and white: an average is mid-grey
            r[i] = g[i] = b[i] = i % 2;
        }
        Patch p = new Patch(PatchMeta.of("x", ""), w, h, ImageFiles.RGB, new float[][] {r, g, b});
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(TrueColor.png(p, 100)));
        assertThat(img.getWidth()).isEqualTo(100);
        assertThat(img.getHeight()).isEqualTo(50);
        assertThat(img.getRGB(37, 21) & 0xFFFFFF).isEqualTo(0x808080);
        BufferedImage small = ImageIO.read(new ByteArrayInputStream(TrueColor.png(p, 1000)));
        assertThat(small.getWidth()).as("a patch within the bound is drawn at its size").isEqualTo(w);
    }
}
