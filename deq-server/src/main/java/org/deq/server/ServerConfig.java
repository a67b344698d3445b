package org.deq.server;

import org.deq.index.SearchMethod;

/**
 * How the server listens and what it accepts.
 *
 * @param host             address to bind (127.0.0.1 keeps it local)
 * @param port             TCP port; 0 picks a free one
 * @param maxUploadBytes   largest request body of an upload
 * @param maxImageSamples  largest width * height * bands of an uploaded image, checked from its header before decoding
 * @param maxK             largest number of results a query may ask for
 * @param thumbnailCacheBytes memory bound of the true-colour thumbnail cache
 * @param search           how queries search the index (flat, or a hashing method the index has codes for)
 */
public record ServerConfig(String host, int port, long maxUploadBytes, long maxImageSamples, int maxK,
                           long thumbnailCacheBytes, SearchMethod search) {

    public ServerConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("--host must not be empty");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be within 0..65535, got " + port);
        }
        if (search == null) {
            throw new IllegalArgumentException("search method must be given (e.g. flat)");
        }
        if (maxUploadBytes < 1 || maxImageSamples < 1 || maxK < 1 || thumbnailCacheBytes < 0) {
            throw new IllegalArgumentException("server limits must be positive");
        }
    }

    /** Loopback on the given port, 64 MiB uploads, 64 Mi samples per image, k up to 1000, 64 MiB of thumbnails, exact search. */
    public static ServerConfig local(int port) {
        return new ServerConfig("127.0.0.1", port, 64L << 20, 64L << 20, 1000, 64L << 20, SearchMethod.parse("flat"));
    }

    /** The same limits on another address. */
    public ServerConfig withHost(String newHost) {
        return new ServerConfig(newHost, port, maxUploadBytes, maxImageSamples, maxK, thumbnailCacheBytes, search);
    }

    /** The same limits with another search method. */
    public ServerConfig withSearch(SearchMethod newSearch) {
        return new ServerConfig(host, port, maxUploadBytes, maxImageSamples, maxK, thumbnailCacheBytes, newSearch);
    }
}
