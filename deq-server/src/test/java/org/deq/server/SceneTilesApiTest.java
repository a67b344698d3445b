package org.deq.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import javax.imageio.ImageIO;
import org.deq.archive.SceneTiles;
import org.deq.describe.Descriptor;
import org.deq.describe.DescriptorSpecs;
import org.deq.index.Distance;
import org.deq.ingest.Ingest;
import org.deq.raster.GeoRaster;
import org.deq.raster.GeoRef;
import org.deq.raster.GeoTiffReader;
import org.deq.raster.GeoTiffWriter;
import org.deq.store.IndexStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Patches cut from scenes (deq index --tile) are shown and mapped by the server as patch folders are. */
class SceneTilesApiTest {

    private static final GeoRef GRID = new GeoRef(600_000, 5_300_000, 10, 10, 32632);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    private void scene(Path file, int seed) throws Exception {
        scene(file, seed, 128, 64);
    }

    private void scene(Path file, int seed, int width, int height) throws Exception {
        scene(file, seed, width, height, false);
    }

    /** A 12-band scene; {@code hole}: pixels 96..103 x 32..39 are 0 in every band (no data, as a scene's corner). */
    private void scene(Path file, int seed, int width, int height, boolean hole) throws Exception {
        Random random = new Random(seed);
        short[][] bands = new short[12][width * height];
        for (short[] band : bands) {
            for (int i = 0; i < band.length; i++) {
                boolean empty = hole && i % width >= 96 && i % width < 104 && i / width >= 32 && i / width < 40;
                band[i] = empty ? 0 : (short) (500 + random.nextInt(2500));
            }
        }
        Files.createDirectories(file.getParent());
        GeoTiffWriter.writeUInt16(file, width, height, bands, GRID, GeoTiffWriter.Compression.DEFLATE, null);
    }

    private static HttpResponse<byte[]> get(DeqServer server, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void thumbnailsAndChangeMapsOfScenePatches() throws Exception {
        scene(tmp.resolve("scenes/area_20200604.tif"), 1);
        scene(tmp.resolve("scenes/area_20200813.tif"), 2, 128, 64, true);
        Descriptor d = DescriptorSpecs.parse("spectral-hist:bins=8,bands=s2");
        Path index = tmp.resolve("index");
        try (IndexStore store = IndexStore.create(index, d, Distance.L1)) {
            new Ingest(2, 1000).run(new SceneTiles(tmp.resolve("scenes"), 32), d, store, n -> { });
            assertThat(store.size()).isEqualTo(16);
        }
        try (DeqServer server = DeqServer.start(index, ServerConfig.local(0).withReloadCheck(Duration.ZERO))) {
            HttpResponse<byte[]> thumb = get(server, "/api/thumbnail?id=area_20200604/x96_y32");
            assertThat(thumb.statusCode()).isEqualTo(200);
            assertThat(thumb.headers().firstValue("content-type")).hasValue("image/png");

            HttpResponse<byte[]> twice = get(server, "/api/change-map.png?before=area_20200604/x96_y32&after=area_20200604/x96_y32");
            assertThat(twice.statusCode()).isEqualTo(400); // an all-unchanged map of one date against itself
            assertThat(new String(twice.body())).isEqualTo("{\"error\":\"before and after are the same patch"
                    + " area_20200604/x96_y32; give two dates\"}");

            HttpResponse<byte[]> map = get(server, "/api/change-map.tif?before=area_20200604/x96_y32&after=area_20200813/x96_y32");
            assertThat(map.statusCode()).as(new String(map.body())).isEqualTo(200);
            Path tif = Files.write(tmp.resolve("map.tif"), map.body());
            GeoRaster read = GeoTiffReader.readWithNoData(tif).raster();
            assertThat(read.width()).isEqualTo(32);
            assertThat(read.geo().sameGrid(GRID.window(96, 32))).isTrue(); // the patch's own place in the scene
            // the later date's 0 corner is no data in the map, as deq change-map leaves a GeoTIFF's out
            assertThat(read.bands()[0][0]).isEqualTo(org.deq.analysis.ChangeMap.NO_DATA);
            assertThat(read.bands()[0][8 * 32 + 8]).isLessThan(org.deq.analysis.ChangeMap.NO_DATA);

            HttpResponse<byte[]> bio = get(server, "/api/biophysical.png?id=area_20200604/x96_y32");
            assertThat(bio.statusCode()).isEqualTo(409);
            assertThat(new String(bio.body())).contains("stored as a window of a scene").doesNotContain(tmp.toString());
        }
    }

    @Test
    void aThumbnailOfALargeTileIsShrunkToTheThumbnailEdge() throws Exception {
        scene(tmp.resolve("scenes/wide_20200604.tif"), 3, 640, 320);
        Descriptor d = DescriptorSpecs.parse("spectral-hist:bins=8,bands=s2");
        Path index = tmp.resolve("index");
        try (IndexStore store = IndexStore.create(index, d, Distance.L1)) {
            new Ingest(2, 1000).run(new SceneTiles(tmp.resolve("scenes"), 320), d, store, n -> { });
            assertThat(store.size()).isEqualTo(2);
        }
        try (DeqServer server = DeqServer.start(index, ServerConfig.local(0))) {
            HttpResponse<byte[]> thumb = get(server, "/api/thumbnail?id=wide_20200604/x320_y0");
            assertThat(thumb.statusCode()).isEqualTo(200);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(thumb.body()));
            assertThat(image.getWidth()).as("a 320-pixel patch").isEqualTo(Api.THUMBNAIL_EDGE);
            assertThat(image.getHeight()).isEqualTo(Api.THUMBNAIL_EDGE);
        }
    }
}
