package org.deq.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LeasedCacheTest {

    /** A stand-in for a session: counts loads and closes, and fails a use after its close. */
    private static final class FakeModel implements AutoCloseable {
        static final AtomicInteger OPEN = new AtomicInteger();
        final String key;
        volatile boolean closed;

        FakeModel(String key) {
            this.key = key;
            OPEN.incrementAndGet();
        }

        void use() {
            if (closed) {
                throw new IllegalStateException(key + " used after its close");
            }
        }

        @Override
        public void close() {
            if (closed) {
                throw new IllegalStateException(key + " closed twice");
            }
            closed = true;
            OPEN.decrementAndGet();
        }
    }

    private final Map<String, AtomicInteger> loads = new ConcurrentHashMap<>();

    private FakeModel use(LeasedCache<FakeModel> cache, String key) {
        try (LeasedCache<FakeModel>.Lease lease = cache.acquire(key, () -> load(key))) {
            lease.value().use();
            return lease.value();
        }
    }

    private FakeModel load(String key) {
        loads.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        return new FakeModel(key);
    }

    @Test
    void keepsTheMostRecentlyUsedModelsAndClosesTheOthers() {
        LeasedCache<FakeModel> cache = new LeasedCache<>(2);
        FakeModel a = use(cache, "a");
        FakeModel b = use(cache, "b");
        assertThat(use(cache, "a")).isSameAs(a); // a is now more recent than b
        FakeModel c = use(cache, "c");
        assertThat(b.closed).isTrue();
        assertThat(a.closed).isFalse();
        assertThat(c.closed).isFalse();
        // an evicted model is loaded again when asked for
        FakeModel b2 = use(cache, "b");
        assertThat(b2).isNotSameAs(b);
        assertThat(loads.get("b")).hasValue(2);
        assertThat(loads.get("a")).hasValue(1);
        assertThat(a.closed).isTrue();
    }

    @Test
    void anEvictedModelInUseIsClosedOnlyAfterItsLastCall() {
        LeasedCache<FakeModel> cache = new LeasedCache<>(1);
        LeasedCache<FakeModel>.Lease running = cache.acquire("a", () -> load("a"));
        LeasedCache<FakeModel>.Lease second = cache.acquire("a", () -> load("a"));
        FakeModel b = use(cache, "b"); // evicts a while two calls still run on it
        running.value().use();
        running.close();
        running.close(); // a second close of one lease does not release another call's hold
        assertThat(second.value().closed).isFalse();
        second.value().use();
        second.close();
        assertThat(second.value().closed).isTrue();
        assertThat(b.closed).isFalse();
        assertThat(loads.get("a")).hasValue(1);
    }

    @Test
    void clearClosesWhatNoCallHoldsNowAndTheRestAfterTheirLastCall() {
        LeasedCache<FakeModel> cache = new LeasedCache<>(2);
        FakeModel idle = use(cache, "a");
        LeasedCache<FakeModel>.Lease running = cache.acquire("b", () -> load("b"));
        cache.clear();
        assertThat(idle.closed).isTrue();
        assertThat(running.value().closed).isFalse();
        running.close();
        assertThat(running.value().closed).isTrue();
        assertThat(use(cache, "a")).isNotSameAs(idle);
    }

    @Test
    void callsThatAskForAModelWhileItLoadsWaitForItInsteadOfLoadingACopy() throws Exception {
        LeasedCache<FakeModel> cache = new LeasedCache<>(2);
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<FakeModel>> calls = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                calls.add(pool.submit(() -> {
                    try (LeasedCache<FakeModel>.Lease lease = cache.acquire("a", () -> {
                        loading.countDown();
                        finish.await();
                        return load("a");
                    })) {
                        return lease.value();
                    }
                }));
            }
            loading.await();
            Thread.sleep(50); // the other calls reach the cache meanwhile
            finish.countDown();
            for (Future<FakeModel> call : calls) {
                assertThat(call.get()).isSameAs(calls.get(0).get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(loads.get("a")).hasValue(1);
    }

    @Test
    void aFailedLoadIsThrownToItsCallerAndTheNextCallLoadsAfresh() {
        LeasedCache<FakeModel> cache = new LeasedCache<>(1);
        assertThatThrownBy(() -> cache.acquire("a", () -> {
            throw new IOException("a.onnx: no such file");
        })).isInstanceOf(IOException.class).hasMessage("a.onnx: no such file");
        assertThat(use(cache, "a").closed).isFalse();
        assertThat(loads.get("a")).hasValue(1);
    }

    @Test
    void concurrentCallsOnMoreModelsThanItHoldsNeverMeetAClosedOneAndLeaveAtMostItsCapacityOpen() throws Exception {
        LeasedCache<FakeModel> cache = new LeasedCache<>(3);
        int before = FakeModel.OPEN.get();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                long seed = t;
                calls.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    for (int i = 0; i < 2000; i++) {
                        try (LeasedCache<FakeModel>.Lease lease = cache.acquire("m" + random.nextInt(6), () -> load("m"))) {
                            lease.value().use();
                            Thread.yield();
                            lease.value().use();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(FakeModel.OPEN.get() - before).isBetween(1, 3);
    }
}
