package org.deq.server;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;

/**
 * Bounds the request threads that wait for request bodies (uploads, JSON), and how long each waits for the next bytes.
 * A thread reading a body blocks until it has arrived, so clients that send a few bytes of a large body and then
 * nothing held one Jetty thread each until the idle timeout: 300 of them took the whole pool, and even
 * {@code /api/health} waited 25 s. Now at most {@link #READERS} requests read a body at a time (one more gets a 503
 * with {@code Retry-After} at once, its body unread), and a body that stops arriving is given up after
 * {@link #IDLE} rather than the connection's 30 s, so the rest of the pool stays free for every other request.
 */
final class BodyGate {

    /** Requests that may be receiving their bodies at once: far more than 2 cores decode, far fewer than Jetty's threads. */
    static final int READERS = 64;
    /** How long a body may send nothing before the request is a 408. */
    static final Duration IDLE = Duration.ofSeconds(10);
    /** The Retry-After of a request turned away: bodies of healthy clients arrive in well under a second. */
    static final int RETRY_AFTER_SECONDS = 2;

    private final Semaphore readers;
    private final int size;
    private final long idleMillis;

    BodyGate(int readers, Duration idle) {
        this.readers = new Semaphore(readers);
        this.size = readers;
        this.idleMillis = idle.toMillis();
    }

    /**
     * Runs {@code reading}, which receives the request's body, in one of the gate's places and with its idle timeout
     * (the connection's own restored after, unless a stop set another); a 503 when every place is taken.
     */
    <T> T read(Context ctx, Supplier<T> reading) {
        if (!readers.tryAcquire()) {
            throw ApiException.busy("the server is receiving " + size + " other request bodies; try again shortly",
                    RETRY_AFTER_SECONDS);
        }
        EndPoint connection = Request.getBaseRequest(ctx.req()).getHttpChannel().getEndPoint();
        long connectionIdle = connection.getIdleTimeout();
        connection.setIdleTimeout(idleMillis);
        try {
            return reading.get();
        } finally {
            if (connection.getIdleTimeout() == idleMillis) { // not when a graceful stop shortened it meanwhile
                connection.setIdleTimeout(connectionIdle);
            }
            readers.release();
        }
    }
}
