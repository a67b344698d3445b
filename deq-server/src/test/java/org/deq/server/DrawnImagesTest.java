package org.deq.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DrawnImagesTest {

    private static final byte[] PNG = {1, 2, 3};
    private static final byte[] JSON = {4, 5};

    /** Blocks a drawing until the test releases it. */
    private static void hold(CountDownLatch release) throws IOException {
        try {
            release.await();
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
    }

    @Test
    void aPictureIsDrawnOnceForAllItsFormatsEvenWhenAskedForAtOnce() throws Exception {
        DrawnImages drawn = new DrawnImages(1 << 20);
        AtomicInteger drawings = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<byte[]> png = pool.submit(() -> drawn.get("build", "map", "png", () -> {
                drawings.incrementAndGet();
                started.countDown();
                hold(release);
                return Map.of("png", PNG, "json", JSON);
            }));
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            // the figures, asked while the map is being drawn, wait for that drawing
            Future<byte[]> json = pool.submit(() -> drawn.get("build", "map", "json", () -> {
                drawings.incrementAndGet();
                return Map.of("png", new byte[0], "json", new byte[0]);
            }));
            Thread.sleep(100);
            release.countDown();
            assertThat(png.get(10, TimeUnit.SECONDS)).isEqualTo(PNG);
            assertThat(json.get(10, TimeUnit.SECONDS)).isEqualTo(JSON);
        } finally {
            pool.shutdownNow();
        }
        assertThat(drawings).hasValue(1);
        // later requests are answered from the cache; another build draws again
        assertThat(drawn.get("build", "map", "json", () -> Map.of("json", new byte[0]))).isEqualTo(JSON);
        assertThat(drawn.get("rebuilt", "map", "json", () -> Map.of("json", new byte[] {9}))).containsExactly(9);
    }

    @Test
    void aFailedDrawingFailsItsWaitersWithItsOwnErrorAndIsDrawnAgainNextTime() throws Exception {
        DrawnImages drawn = new DrawnImages(1 << 20);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<byte[]> first = pool.submit(() -> drawn.get("build", "map", "png", () -> {
                started.countDown();
                hold(release);
                throw new IOException("patch 'a' is unreadable");
            }));
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            Future<byte[]> waiting = pool.submit(() -> drawn.get("build", "map", "json", () -> Map.of("json", JSON)));
            Thread.sleep(100);
            release.countDown();
            for (Future<byte[]> f : java.util.List.of(first, waiting)) {
                assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class)
                        .hasRootCauseMessage("patch 'a' is unreadable");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(drawn.get("build", "map", "json", () -> Map.of("json", JSON))).isEqualTo(JSON);
    }

    @Test
    void theLeastRecentlyUsedBodiesGoBeyondTheBoundAndALargerOneIsNotKept() throws IOException {
        DrawnImages drawn = new DrawnImages(10);
        drawn.get("b", "one", "png", () -> Map.of("png", new byte[4]));
        drawn.get("b", "two", "png", () -> Map.of("png", new byte[4]));
        drawn.get("b", "one", "png", () -> Map.of("png", new byte[] {7})); // cached: "two" is now the eldest
        drawn.get("b", "three", "png", () -> Map.of("png", new byte[4]));
        assertThat(drawn.get("b", "one", "png", () -> Map.of("png", new byte[] {1}))).hasSize(4);
        assertThat(drawn.get("b", "two", "png", () -> Map.of("png", new byte[] {2}))).containsExactly(2);
        assertThat(drawn.get("b", "huge", "png", () -> Map.of("png", new byte[11]))).hasSize(11);
        assertThat(drawn.get("b", "huge", "png", () -> Map.of("png", new byte[] {3}))).containsExactly(3);
    }
}
