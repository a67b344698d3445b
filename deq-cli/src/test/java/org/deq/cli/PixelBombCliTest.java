package org.deq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.deq.raster.PngBomb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A picture that decodes to more values than deq reads at once is refused from its header, by query and by ingest. */
class PixelBombCliTest {

    @TempDir
    Path tmp;

    @Test
    void aPngBombIsOneLineNamingItInQueryAndOneBadFileInAnIngest() throws Exception {
        Path archive = tmp.resolve("pictures");
        Random random = new Random(7);
        for (String label : new String[] {"fields", "forest"}) {
            Files.createDirectories(archive.resolve(label));
            for (int i = 0; i < 3; i++) {
                BufferedImage picture = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
                for (int p = 0; p < 32 * 32; p++) {
                    picture.setRGB(p % 32, p / 32, random.nextInt(1 << 24));
                }
                ImageIO.write(picture, "png", archive.resolve(label + "/" + label + i + ".png").toFile());
            }
        }
        // before, ImageIO decoded it (20000 x 20000 of zeros, 1.2 MB, ran a 3 GB heap out)
        Path bomb = Files.write(archive.resolve("forest/bomb.png"), PngBomb.of(20000, 20000));
        String refusal = bomb + ": 20000x20000 pixels x 3 bands = 1200 M values, more than the 268 M (2^28) deq reads at once;"
                + " cut the image into tiles (gdal_translate -srcwin) or scale it down";

        Path index = tmp.resolve("idx");
        Cli built = Cli.run("index", "--archive", archive.toString(), "--descriptor", "hsv-hist", "--out", index.toString());
        assertThat(built.exitCode()).as(built.err()).isZero();
        assertThat(built.out()).contains("indexed 6 patches", "1 bad", refusal);

        Cli query = Cli.run("query", "--index", index.toString(), "--image", bomb.toString());
        assertThat(query.exitCode()).isNotZero();
        assertThat(query.err()).isEqualTo("deq: error: " + refusal + System.lineSeparator());
    }
}
