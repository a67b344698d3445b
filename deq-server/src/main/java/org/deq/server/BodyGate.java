package org.deq.server;

import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.Request;

/**
 * Bounds the request threads that wait for request bodies (uploads, JSON), how long each waits for the next bytes, and
 * how slowly a body may arrive. A thread reading a body blocks until it has arrived, so clients that send a few bytes
 * of a large body and then nothing held one Jetty thread each until the idle timeout: 300 of them took the whole pool,
 * and even {@code /api/health} waited 25 s. Now at most {@link BodyLimits#readers()} requests read a body at a time,
 * at most {@link BodyLimits#perClient()} of them from one remote address (one more gets a 503 with {@code Retry-After}
 * at once, its body unread); a body that stops arriving is given up after {@link BodyLimits#idle()}, and one that
 * trickles in (a byte every few seconds keeps the idle timeout away) after its grace once it averages under the least
 * rate, so that neither one client nor a few slow ones keep every other POST out.
 */
final class BodyGate {

    /** The Retry-After of a request turned away: bodies of healthy clients arrive in well under a second. */
    static final int RETRY_AFTER_SECONDS = 2;
    /** How often a body's rate is looked at once its grace is over. */
    private static final long WATCH_MILLIS = 1000;
    /** One thread for every gate: it only compares counters and, rarely, shortens a connection's idle timeout. */
    private static final ScheduledExecutorService WATCH = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "deq-body-rate");
        t.setDaemon(true);
        return t;
    });

    private final BodyLimits limits;
    private final Semaphore readers;
    private final Map<String, Integer> byClient = new HashMap<>();

    BodyGate(BodyLimits limits) {
        this.limits = limits;
        this.readers = new Semaphore(limits.readers());
    }

    /**
     * Runs {@code reading}, which receives the request's body, in one of the gate's places and with its idle timeout
     * (the connection's own restored after, unless a stop set another) and least rate; a 503 when every place, or every
     * place of the request's client, is taken.
     */
    <T> T read(Context ctx, Supplier<T> reading) {
        String client = ctx.req().getRemoteAddr();
        if (!enter(client)) {
            throw ApiException.busy("this client is already sending " + limits.perClient() + " request bodies; send"
                    + " this one after one of them has arrived", RETRY_AFTER_SECONDS);
        }
        if (!readers.tryAcquire()) {
            leave(client);
            throw ApiException.busy("the server is receiving " + limits.readers() + " other request bodies; try again"
                    + " shortly", RETRY_AFTER_SECONDS);
        }
        HttpChannel channel = Request.getBaseRequest(ctx.req()).getHttpChannel();
        EndPoint endPoint = channel.getEndPoint();
        long connectionIdle = endPoint.getIdleTimeout();
        long idleMillis = limits.idle().toMillis();
        endPoint.setIdleTimeout(idleMillis);
        RateWatch watch = new RateWatch(channel.getConnection(), endPoint);
        try {
            return reading.get();
        } catch (RuntimeException e) {
            throw watch.tooSlow() ? watch.refusal() : e;
        } finally {
            watch.stop();
            if (endPoint.getIdleTimeout() == idleMillis) { // not when a graceful stop or the watch shortened it meanwhile
                endPoint.setIdleTimeout(connectionIdle);
            }
            readers.release();
            leave(client);
        }
    }

    private synchronized boolean enter(String client) {
        int n = byClient.getOrDefault(client, 0);
        if (n >= limits.perClient()) {
            return false;
        }
        byClient.put(client, n + 1);
        return true;
    }

    private synchronized void leave(String client) {
        byClient.computeIfPresent(client, (c, n) -> n == 1 ? null : n - 1);
    }

    /**
     * Looks at one body's average rate each second after its grace; under the least rate, it shortens the connection's
     * idle timeout to nothing, which ends the blocked read as a timeout would (the way Jetty itself gives up a body).
     */
    private final class RateWatch {

        private final Connection connection;
        private final EndPoint endPoint;
        private final long startNanos = System.nanoTime();
        // bytes the connection received before this body was read (keep-alive requests, the head, read-ahead)
        private final long startBytes;
        private final AtomicBoolean tooSlow = new AtomicBoolean();
        private final ScheduledFuture<?> task;
        // when the watch last saw bytes come: a body that sends nothing is the idle timeout's, in its own words
        private long lastBytes;
        private long lastProgressNanos = startNanos;

        RateWatch(Connection connection, EndPoint endPoint) {
            this.connection = connection;
            this.endPoint = endPoint;
            this.startBytes = connection.getBytesIn();
            this.task = limits.minBytesPerSecond() == 0 ? null : WATCH.scheduleAtFixedRate(this::check,
                    limits.grace().toMillis() + WATCH_MILLIS, WATCH_MILLIS, TimeUnit.MILLISECONDS);
        }

        private void check() {
            long now = System.nanoTime();
            long bytes = received();
            if (bytes != lastBytes) {
                lastBytes = bytes;
                lastProgressNanos = now;
            }
            long idleMillis = limits.idle().toMillis();
            if (TimeUnit.NANOSECONDS.toMillis(now - lastProgressNanos) >= Math.max(idleMillis / 2, idleMillis - WATCH_MILLIS)) {
                return; // stalled, not trickling: the idle timeout ends it within a second
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(now - startNanos);
            if (bytes * 1000 < limits.minBytesPerSecond() * millis && tooSlow.compareAndSet(false, true)) {
                endPoint.setIdleTimeout(1);
                task.cancel(false);
            }
        }

        private long received() {
            return connection.getBytesIn() - startBytes;
        }

        boolean tooSlow() {
            return tooSlow.get();
        }

        ApiException refusal() {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            return new ApiException(408, String.format(Locale.ROOT, "the request body arrived too slowly: %d bytes in"
                    + " %.0f s, under the least average of %d bytes/s that a body must keep after its first %d s",
                    received(), seconds, limits.minBytesPerSecond(), limits.grace().toSeconds()));
        }

        void stop() {
            if (task != null) {
                task.cancel(false);
            }
        }
    }
}
