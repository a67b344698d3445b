package org.deq.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.deq.SpecialFiles;
import org.deq.raster.BadInputException;
import org.deq.raster.GeoRef;
import org.deq.raster.GeoTiffWriter;
import org.deq.raster.Patch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives reached through links, and entries named like images that are none: a linked root is read as the folder
 * (links below it are not followed, so a link up the tree cannot loop); a FIFO, a device or a folder named like a
 * picture is one bad patch naming its kind, never opened; a folder of no scenes is refused rather than ingested as
 * nothing.
 */
class ArchiveLinksTest {

    private static final GeoRef GRID = new GeoRef(600_000, 5_300_000, 10, 10, 32632);

    @TempDir
    Path tmp;

    /** A 64 x 64 four-band scene of values 1..1000 (no pixel without data). */
    private static void scene(Path file) throws Exception {
        short[][] bands = new short[4][64 * 64];
        for (int b = 0; b < bands.length; b++) {
            for (int i = 0; i < bands[b].length; i++) {
                bands[b][i] = (short) (1 + (i * 7 + b * 13) % 1000);
            }
        }
        Files.createDirectories(file.getParent());
        GeoTiffWriter.writeUInt16(file, 64, 64, bands, GRID, GeoTiffWriter.Compression.NONE, null);
    }

    /** Each patch's source, or the one-line reason it is bad, by id; within a deadline (a FIFO opened would block). */
    private static Map<String, String> read(Iterable<PatchSource> archive) {
        Map<String, String> out = new LinkedHashMap<>();
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (PatchSource s : archive) {
                try {
                    Patch p = s.read();
                    out.put(s.id(), p.meta().source());
                } catch (BadInputException e) {
                    out.put(s.id(), e.getMessage());
                }
            }
        });
        return out;
    }

    /** A folder of scenes {@code a/T_20200604.tif} and {@code b.tif}, with a link {@code a/up} to its own folder above. */
    private Path scenes() throws Exception {
        Path root = tmp.resolve("scenes");
        scene(root.resolve("a/T_20200604.tif"));
        scene(root.resolve("b.tif"));
        Files.createSymbolicLink(root.resolve("a/up"), Path.of(".."));
        return root;
    }

    @Test
    void scenesThroughALinkedRootAreThoseOfTheFolderUnderTheGivenPath() throws Exception {
        Path root = scenes();
        Path link = Files.createSymbolicLink(tmp.resolve("link"), root);
        Path roundabout = root.resolve("a/up/a/up"); // the root again, through the link inside it
        Map<String, String> direct = read(new SceneTiles(root, 32));
        assertThat(direct).hasSize(8).containsKey("a/T_20200604/x32_y32").containsKey("b/x0_y0"); // a/up/... is not walked
        for (Path given : new Path[] {link, roundabout}) {
            Map<String, String> linked = read(new SceneTiles(given, 32)); // before: no patches at all, said as a success
            assertThat(linked.keySet()).containsExactlyElementsOf(direct.keySet());
            assertThat(linked.get("b/x0_y0")).isEqualTo(given.resolve("b.tif") + "#x=0,y=0,size=32");
        }
    }

    @Test
    void aGeoTiffFolderThroughALinkedRootIsTheFolder() throws Exception {
        Path root = scenes();
        Path link = Files.createSymbolicLink(tmp.resolve("link"), root);
        Map<String, String> linked = read(new GeoTiffFolder(link));
        assertThat(linked.keySet()).containsExactly("a/T_20200604", "b");
        assertThat(linked.get("b")).isEqualTo(link.resolve("b.tif").toString());
    }

    @Test
    void aFolderOfNoScenesIsRefused() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty/sub"));
        Files.writeString(empty.resolve("notes.txt"), "no scene");
        assertThatThrownBy(() -> new SceneTiles(empty.getParent(), 32)).isInstanceOf(BadInputException.class)
                .hasMessage(empty.getParent() + ": no GeoTIFF scenes (.tif/.tiff) in this folder or below it");
    }

    @Test
    void entriesNamedLikeImagesThatAreNoFilesAreBadPatchesNamingTheirKind() throws Exception {
        String fifo = "not a regular file but a FIFO (named pipe), which deq does not read";
        String device = "not a regular file but a character device, which deq does not read";
        // a class folder of pictures: before, all three were left out unsaid
        Path pictures = tmp.resolve("pictures");
        Path forest = Files.createDirectories(pictures.resolve("forest"));
        ImageIO.write(new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB), "png", forest.resolve("ok.png").toFile());
        SpecialFiles.fifo(forest, "pipe.png");
        SpecialFiles.devZero(forest, "zero.jpg");
        Files.createDirectory(forest.resolve("dir.jpg"));
        assertThat(read(new ImageFolder(pictures))).containsExactly(
                Map.entry("forest/dir", forest.resolve("dir.jpg") + ": a folder, not a file"),
                Map.entry("forest/ok", forest.resolve("ok.png").toString()),
                Map.entry("forest/pipe", forest.resolve("pipe.png") + ": " + fifo),
                Map.entry("forest/zero", forest.resolve("zero.jpg") + ": " + device));
        // GeoTIFFs found at any depth: a folder named like one is walked, not reported
        Path root = scenes();
        SpecialFiles.fifo(root, "pipe.tif");
        SpecialFiles.devZero(root, "zero.tif");
        Files.createDirectory(root.resolve("dir.tif"));
        assertThat(read(new GeoTiffFolder(root))).containsEntry("pipe", root.resolve("pipe.tif") + ": " + fifo)
                .containsEntry("zero", root.resolve("zero.tif") + ": " + device).hasSize(4);
        assertThat(read(new SceneTiles(root, 32))).containsEntry("pipe", root.resolve("pipe.tif") + ": " + fifo)
                .containsEntry("zero", root.resolve("zero.tif") + ": " + device).hasSize(10);
        // one given on its own (deq query --image) was "no such file"
        assertThatThrownBy(() -> Archives.readWithNoData(root.resolve("pipe.tif"))).hasMessage(root.resolve("pipe.tif") + ": " + fifo);
    }
}
