package org.deq.server;

import java.time.Duration;

/**
 * How the server receives request bodies (uploads, JSON), so that clients sending them slowly cannot hold its threads:
 * see {@link BodyGate}.
 *
 * @param readers           requests that may be receiving their bodies at once, all clients together
 * @param perClient         of those, requests from one remote address
 * @param idle              how long a body may send nothing before the request is a 408
 * @param grace             how long a body arrives at any pace before the least average rate applies
 * @param minBytesPerSecond least average rate of a body after its grace, counted from its start; slower is a 408
 */
public record BodyLimits(int readers, int perClient, Duration idle, Duration grace, long minBytesPerSecond) {

    /**
     * 64 bodies at once, 8 per client, 10 s without a byte, and after 10 s at least 8 KiB/s on average (64 kbit/s: a
     * 64 MiB upload may take up to 2 h 16 min, so any real uplink passes).
     */
    public static final BodyLimits DEFAULT = new BodyLimits(64, 8, Duration.ofSeconds(10), Duration.ofSeconds(10), 8 << 10);

    public BodyLimits {
        if (readers < 1 || perClient < 1 || perClient > readers || minBytesPerSecond < 0) {
            throw new IllegalArgumentException("body limits must be positive, a client's places at most all places");
        }
        if (idle == null || idle.isNegative() || idle.isZero() || grace == null || grace.isNegative()) {
            throw new IllegalArgumentException("the body idle timeout must be positive and the grace zero or more");
        }
    }
}
