package org.deq.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.http.UploadedFile;
import jakarta.servlet.http.Part;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import javax.imageio.ImageIO;
import org.deq.archive.Archives;
import org.deq.raster.GeoTiffWriter;
import org.junit.jupiter.api.Test;

/** Uploads share a heap budget for decoding: a large image waits for others to finish rather than run the heap out. */
class UploadsTest {

    @Test
    void theBudgetIsAShareOfTheHeap() {
        long heap = 2L << 30;
        Uploads uploads = new Uploads(1 << 20, 64L << 20, heap, 10, Archives::readWithNoData);
        // 40 % of 2 GiB at 12 bytes a sample, in thousands of samples
        assertThat(uploads.budget()).isEqualTo((int) ((long) (heap * 0.4) / Uploads.BYTES_PER_SAMPLE / 1000));
        assertThat(new Uploads(1, 1, 1, 10, Archives::readWithNoData).budget()).isEqualTo(1);
    }

    @Test
    void uploadsHoldTheBudgetUntilClosedAndOthersAreTurnedAwayMeanwhile() throws Exception {
        UploadedFile png = png("a.png", 300, 200);
        // a budget smaller than this image: it decodes alone, taking all of it
        Uploads uploads = new Uploads(1 << 20, 1 << 20, 1 << 20, 50, Archives::readWithNoData);
        try (Uploads.Decoded decoded = uploads.read(png)) {
            assertThat(decoded.patches()).singleElement().satisfies(p -> {
                assertThat(p.width()).isEqualTo(300);
                assertThat(p.meta().id()).isEqualTo("upload:a.png");
            });
            assertThat(uploads.decoding.availablePermits()).isZero();
            assertThatThrownBy(() -> uploads.read(png("b.png", 300, 200))).isInstanceOf(ApiException.class)
                    .hasMessage("b.png: the server is busy decoding other uploads; try again shortly")
                    .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(503))
                    .satisfies(e -> assertThat(((ApiException) e).retryAfterSeconds()).isEqualTo(Uploads.RETRY_AFTER_SECONDS));
        }
        assertThat(uploads.decoding.availablePermits()).isEqualTo(uploads.budget());
        // two images of one request are taken together
        try (Uploads.Decoded pair = uploads.read(png("before.png", 300, 200), png("after.png", 300, 200))) {
            assertThat(pair.patches()).extracting(p -> p.meta().id()).containsExactly("upload:before.png", "upload:after.png");
        }
        assertThat(uploads.decoding.availablePermits()).isEqualTo(uploads.budget());
    }

    @Test
    void aLongNonAsciiFileNameIsReadUnderItsNameCutToTheBytesAFileNameHolds() throws Exception {
        Uploads uploads = new Uploads(1 << 20, 1 << 20, 1 << 20, 50, Archives::readWithNoData);
        // 116 two-byte letters (232 bytes) and 80 three-byte ones made the temporary name longer than 255 bytes: a 500
        for (String name : List.of("é".repeat(116) + ".png", "地".repeat(80) + ".PNG", "a\0b.png")) {
            try (Uploads.Decoded decoded = uploads.read(png(name, 30, 20))) {
                // a control character, which no id may hold, is U+FFFD
                assertThat(decoded.patches()).singleElement().satisfies(p -> assertThat(p.meta().id())
                        .isEqualTo("upload:" + name.replace('\0', '\ufffd')));
            }
        }
        String cut = Uploads.tempNameEnd("地".repeat(80) + ".PNG", ".png");
        assertThat(cut).isEqualTo("地".repeat(38) + ".png"); // 114 bytes and the extension: no character split
        assertThat(cut.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(Uploads.NAME_BYTES);
        assertThat(Uploads.tempNameEnd("S2B_MSIL2A_20230101T000000_N0509.tif", ".tif")).isEqualTo("S2B_MSIL2A_20230101T000000_N0509.tif");
    }

    @Test
    void aTiffIsSizedFromItsHeaderAndABadOneIsNamedInWords() throws Exception {
        Uploads uploads = new Uploads(1 << 20, 10_000);
        byte[] tiff = GeoTiffWriter.encodeUInt16(100, 40, new short[4][100 * 40], null, GeoTiffWriter.Compression.DEFLATE, null);
        assertThatThrownBy(() -> uploads.read(new UploadedFile(new BytesPart("scene.tif", tiff)))).isInstanceOf(ApiException.class)
                .hasMessage("scene.tif: image of 100 × 40 pixels is over the limit of 2500 pixels for 4 bands");
        assertThatThrownBy(() -> uploads.read(new UploadedFile(new BytesPart("photo.tif", bytes(png("p.png", 4, 4)))))).hasMessage(
                "photo.tif: a PNG file, not a TIFF").satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(422));
        byte[] cut = Arrays.copyOf(tiff, 100);
        assertThatThrownBy(() -> uploads.read(new UploadedFile(new BytesPart("cut.tif", cut)))).hasMessageStartingWith(
                "cut.tif: truncated: the file ends at byte 100, ");
    }

    @Test
    void aGreyTiffIsSizedAsTheThreeBandsItIsReadAs() throws Exception {
        Uploads uploads = new Uploads(1 << 20, 10_000);
        ByteArrayOutputStream grey = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(100, 40, BufferedImage.TYPE_BYTE_GRAY), "tiff", grey);
        // 4,000 samples in the file, 12,000 as R, G and B: an 8000 × 8000 one passed as 1 band and ran the heap out
        assertThatThrownBy(() -> uploads.read(new UploadedFile(new BytesPart("grey.tif", grey.toByteArray()))))
                .isInstanceOf(ApiException.class)
                .hasMessage("grey.tif: image of 100 × 40 pixels is over the limit of 3333 pixels for 3 bands (1 band read as R, G, B)")
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(413));
    }

    @Test
    void aDecodingThatFailsWithAnErrorGivesTheBudgetBack() throws Exception {
        Uploads outOfMemory = new Uploads(1 << 20, 1 << 20, 1 << 30, 50, tmp -> {
            throw new OutOfMemoryError("Java heap space");
        });
        assertThatThrownBy(() -> outOfMemory.read(png("big.png", 300, 200))).isInstanceOf(ApiException.class)
                .hasMessage("big.png: the server ran out of memory decoding this image; try again shortly, or send a smaller image")
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(503))
                .satisfies(e -> assertThat(((ApiException) e).retryAfterSeconds()).isEqualTo(Uploads.RETRY_AFTER_SECONDS));
        // before, the permits an Error skipped releasing were lost: every later upload waited, then was turned away
        assertThat(outOfMemory.decoding.availablePermits()).isEqualTo(outOfMemory.budget());

        Uploads broken = new Uploads(1 << 20, 1 << 20, 1 << 30, 50, tmp -> {
            throw new StackOverflowError();
        });
        // an Exception, which the server's handler logs and answers with a JSON 500
        assertThatThrownBy(() -> broken.read(png("deep.png", 30, 20))).isInstanceOf(IllegalStateException.class)
                .hasMessage("upload deep.png: decoding failed: java.lang.StackOverflowError")
                .hasCauseInstanceOf(StackOverflowError.class);
        assertThat(broken.decoding.availablePermits()).isEqualTo(broken.budget());
    }

    private static UploadedFile png(String name, int w, int h) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), "png", bytes);
        return new UploadedFile(new BytesPart(name, bytes.toByteArray()));
    }

    private static byte[] bytes(UploadedFile file) throws Exception {
        try (InputStream in = file.content()) {
            return in.readAllBytes();
        }
    }

    /** A multipart file part held in memory, as the servlet container gives one. */
    private record BytesPart(String name, byte[] bytes) implements Part {
        @Override
        public InputStream getInputStream() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public String getContentType() {
            return "image/png";
        }

        @Override
        public String getName() {
            return "image";
        }

        @Override
        public String getSubmittedFileName() {
            return name;
        }

        @Override
        public long getSize() {
            return bytes.length;
        }

        @Override
        public void write(String fileName) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete() {
        }

        @Override
        public String getHeader(String header) {
            return null;
        }

        @Override
        public Collection<String> getHeaders(String header) {
            return List.of();
        }

        @Override
        public Collection<String> getHeaderNames() {
            return List.of();
        }
    }
}
