package org.deq.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import org.junit.jupiter.api.Test;

/** A full disk is told apart from other I/O errors, and an upload spooled onto one is the server's 507, not a 400. */
class DiskFullTest {

    @Test
    void aFullDiskIsToldByTheSystemsWordsAnywhereAmongTheCauses() {
        assertThat(DiskFull.is(new IOException("No space left on device"))).isTrue();
        assertThat(DiskFull.is(new FileSystemException("/srv/s/web-1.json.tmp", null, "No space left on device"))).isTrue();
        assertThat(DiskFull.is(new IllegalStateException("write", new UncheckedIOException(
                new IOException("Disk quota exceeded"))))).isTrue();
        assertThat(DiskFull.is(new IOException("Broken pipe"))).isFalse();
        assertThat(DiskFull.is(new IllegalArgumentException("No space left on device"))).as("not an I/O error").isFalse();
        assertThat(DiskFull.is(null)).isFalse();
    }

    @Test
    void anUploadSpooledOntoAFullDiskIsA507NotTheClientsFault() {
        // passed on as it is, to the server's handler of full disks (a 507 and a WARN line naming the request), not
        // turned into a 400 blaming the body
        UncheckedIOException full = new UncheckedIOException(new IOException("No space left on device"));
        assertThatThrownBy(() -> RequestBodies.multipart(null, () -> {
            throw full;
        })).isSameAs(full);
        ApiException refusal = DiskFull.refusal("POST /api/search/upload", full);
        assertThat(refusal.status()).isEqualTo(507);
        assertThat(refusal).hasMessage("the server's disk is full, so it cannot store what this request needs (an upload"
                + " received, a feedback session saved); ask its operator to free space");
        assertThatThrownBy(() -> RequestBodies.multipart(null, () -> {
            throw new UncheckedIOException(new IOException("Missing content for multipart request"));
        })).satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(400));
    }
}
