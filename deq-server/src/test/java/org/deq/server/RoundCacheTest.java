package org.deq.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.deq.feedback.FeedbackSession;
import org.deq.feedback.Strategy;
import org.deq.search.Filter;
import org.junit.jupiter.api.Test;

/** A round is computed once per session as saved and way of showing it, however often and however many ask at once. */
class RoundCacheTest {

    private static final FeedbackSession STARTED = FeedbackSession.start("s1", "index", List.of("a"), List.of());

    private static RoundCache.Key key(FeedbackSession session, int k) {
        return new RoundCache.Key(session, Strategy.ACTIVE, k, 6, Filter.NONE);
    }

    private static Views.FeedbackView view(FeedbackSession session) {
        return new Views.FeedbackView(session.name(), session.round(), "svm", "active", session.query(), 20, 1.0,
                List.of(), List.of(), List.of(), 0, 0);
    }

    @Test
    void aRoundShownAgainIsNotComputedAgainUnlessItsSessionOrShowingChanged() throws IOException {
        RoundCache cache = new RoundCache(RoundCache.ROUNDS);
        AtomicInteger computed = new AtomicInteger();
        RoundCache.Computation compute = () -> {
            computed.incrementAndGet();
            return view(STARTED);
        };
        Views.FeedbackView first = cache.get(key(STARTED, 20), compute);
        assertThat(cache.get(key(FeedbackSession.start("s1", "index", List.of("a"), List.of()), 20), compute)).isSameAs(first);
        assertThat(computed).hasValue(1);
        cache.get(key(STARTED, 10), compute); // shown otherwise
        cache.get(key(STARTED.mark(Map.of("b", true)), 20), compute); // marked since
        assertThat(computed).hasValue(3);
        cache.forget("s1"); // deleted
        cache.get(key(STARTED, 20), compute);
        assertThat(computed).hasValue(4);
    }

    @Test
    void atMostItsCapacityIsKeptAndAFailureIsNotKept() throws IOException {
        RoundCache cache = new RoundCache(2);
        AtomicInteger computed = new AtomicInteger();
        RoundCache.Computation compute = () -> {
            computed.incrementAndGet();
            return view(STARTED);
        };
        for (int k = 1; k <= 3; k++) {
            cache.get(key(STARTED, k), compute);
        }
        cache.get(key(STARTED, 1), compute); // the least recently shown was forgotten
        assertThat(computed).hasValue(4);

        assertThatThrownBy(() -> cache.get(key(STARTED, 9), () -> {
            throw new ApiException(409, "no longer fits");
        })).hasMessage("no longer fits");
        cache.get(key(STARTED, 9), compute);
        assertThat(computed).hasValue(5);
    }

    @Test
    void requestsForARoundBeingComputedWaitForItInsteadOfComputingIt() throws Exception {
        RoundCache cache = new RoundCache(RoundCache.ROUNDS);
        AtomicInteger computed = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        RoundCache.Computation slow = () -> {
            computed.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return view(STARTED);
        };
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<Views.FeedbackView>> asked = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                asked.add(pool.submit(() -> cache.get(key(STARTED, 20), slow)));
            }
            while (computed.get() == 0) {
                Thread.sleep(10);
            }
            release.countDown();
            Views.FeedbackView first = asked.get(0).get(30, TimeUnit.SECONDS);
            for (Future<Views.FeedbackView> f : asked) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isSameAs(first);
            }
            assertThat(computed).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
