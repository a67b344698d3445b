package org.deq.server;

/** A request the API refuses, with the HTTP status and the one-line message sent back as {@code {"error": ...}}. */
final class ApiException extends RuntimeException {

    private final int status;
    /** Seconds after which the client may try again (a {@code Retry-After} header), or 0 for none. */
    private final int retryAfterSeconds;

    ApiException(int status, String message) {
        this(status, message, 0);
    }

    private ApiException(int status, String message, int retryAfterSeconds) {
        super(message);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    int status() {
        return status;
    }

    int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** A 503 for a passing overload, which the client may try again after {@code seconds} (sent as {@code Retry-After}). */
    static ApiException busy(String message, int seconds) {
        return new ApiException(503, message, seconds);
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    static ApiException notFound(String message) {
        return new ApiException(404, message);
    }
}
