package org.deq.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.deq.index.SearchMethod;

/**
 * How the server listens and what it accepts.
 *
 * @param host             address to bind (127.0.0.1 keeps it local)
 * @param port             TCP port; 0 picks a free one
 * @param maxUploadBytes   largest request body of an upload
 * @param maxImageSamples  largest width * height * bands of an uploaded image, checked from its header before decoding
 * @param maxK             largest number of results a query may ask for
 * @param thumbnailCacheBytes memory bound of the cache of drawn images: thumbnails, change and biophysical maps
 * @param search           how queries search the index (flat, or a hashing method the index has codes for)
 * @param sessions         folder of the feedback sessions, or null for {@code <index>/feedback-sessions}
 * @param reloadCheck      least time between two looks for a new commit of the index, which a request starts and a
 *                         background thread makes (zero: on every request)
 * @param logRequests      whether every request is logged in one line
 * @param corsOrigins      origins the API allows cross-origin requests from ({@code *}: any); empty: none
 * @param allowedHosts     more host names requests may name in {@code Host} (a DNS alias, a proxy's public name), lower case
 * @param bodies           how request bodies are received: places at once, per client, idle timeout, least rate
 * @param listSessions     whether the list of feedback sessions is served to every client, not only this machine's
 * @param maxSessions      most feedback sessions kept; starting one more is refused until some are deleted
 */
public record ServerConfig(String host, int port, long maxUploadBytes, long maxImageSamples, int maxK,
                           long thumbnailCacheBytes, SearchMethod search, Path sessions, Duration reloadCheck,
                           boolean logRequests, List<String> corsOrigins, List<String> allowedHosts, BodyLimits bodies,
                           boolean listSessions, int maxSessions) {

    /** The default of {@code deq serve --max-sessions}: far more than people mark, far fewer than fill a disk. */
    public static final int DEFAULT_MAX_SESSIONS = 10_000;

    // a wildcard only alone: the origin guard and the CORS headers compare whole origins
    private static final Pattern ORIGIN = Pattern.compile("\\*|https?://[^/\\s*]+");
    /** A DNS name: letters, digits and hyphens in dot-separated labels. */
    private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

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
        if (bodies == null) {
            throw new IllegalArgumentException("body limits must be given (e.g. BodyLimits.DEFAULT)");
        }
        if (maxSessions < 1) {
            throw new IllegalArgumentException("--max-sessions must be at least 1, got " + maxSessions);
        }
        if (maxUploadBytes < 1 || maxImageSamples < 1 || maxK < 1 || thumbnailCacheBytes < 0) {
            throw new IllegalArgumentException("server limits must be positive");
        }
        if (reloadCheck == null || reloadCheck.isNegative()) {
            throw new IllegalArgumentException("the reload check interval must be zero or more");
        }
        for (String origin : corsOrigins) {
            if (!ORIGIN.matcher(origin).matches()) {
                throw new IllegalArgumentException("--cors-origin must be * or an origin such as https://example.org"
                        + " (scheme and host, no path), got '" + origin + "'");
            }
        }
        corsOrigins = corsOrigins.stream().map(ServerConfig::normalizeOrigin).toList();
        allowedHosts = allowedHosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        for (String name : allowedHosts) {
            if (!HOST_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("--allowed-host must be a host name such as deq.example.org (no scheme,"
                        + " port or path), got '" + name + "'");
            }
        }
    }

    /** An origin as browsers send it in {@code Origin}: lower case, without its scheme's default port. */
    static String normalizeOrigin(String origin) {
        String o = origin.toLowerCase(Locale.ROOT);
        boolean defaultPort = o.startsWith("https://") && o.endsWith(":443") || o.startsWith("http://") && o.endsWith(":80");
        return defaultPort ? o.substring(0, o.lastIndexOf(':')) : o;
    }

    /**
     * Loopback on the given port, 64 MiB uploads, 64 Mi samples per image, k up to 1000, 64 MiB of thumbnails, exact
     * search, sessions beside the index, a check for new commits at most once a second, no request log, no CORS, the
     * default body limits, the session list for this machine only, at most 10,000 sessions.
     */
    public static ServerConfig local(int port) {
        return new ServerConfig("127.0.0.1", port, 64L << 20, 64L << 20, 1000, 64L << 20, SearchMethod.parse("flat"), null,
                Duration.ofSeconds(1), false, List.of(), List.of(), BodyLimits.DEFAULT, false, DEFAULT_MAX_SESSIONS);
    }

    /** The same limits on another address. */
    public ServerConfig withHost(String newHost) {
        return with(f -> f.host = newHost);
    }

    /** The same limits with another search method. */
    public ServerConfig withSearch(SearchMethod newSearch) {
        return with(f -> f.search = newSearch);
    }

    /** The same with the feedback sessions in another folder (null: beside the index). */
    public ServerConfig withSessions(Path newSessions) {
        return with(f -> f.sessions = newSessions);
    }

    /** The same with another least time between checks for a new commit. */
    public ServerConfig withReloadCheck(Duration newReloadCheck) {
        return with(f -> f.reloadCheck = newReloadCheck);
    }

    /** The same with or without a log line per request. */
    public ServerConfig withLogRequests(boolean newLogRequests) {
        return with(f -> f.logRequests = newLogRequests);
    }

    /** The same with CORS allowed from these origins. */
    public ServerConfig withCorsOrigins(List<String> newCorsOrigins) {
        return with(f -> f.corsOrigins = newCorsOrigins);
    }

    /** The same with more host names that requests may name in {@code Host} ({@code --allowed-host}). */
    public ServerConfig withAllowedHosts(List<String> newAllowedHosts) {
        return with(f -> f.allowedHosts = newAllowedHosts);
    }

    /** The same with other limits on uploads, images, k and thumbnails. */
    public ServerConfig withLimits(long newMaxUploadBytes, long newMaxImageSamples, int newMaxK, long newThumbnailCacheBytes) {
        return with(f -> {
            f.maxUploadBytes = newMaxUploadBytes;
            f.maxImageSamples = newMaxImageSamples;
            f.maxK = newMaxK;
            f.thumbnailCacheBytes = newThumbnailCacheBytes;
        });
    }

    /** The same with other limits on receiving request bodies. */
    public ServerConfig withBodies(BodyLimits newBodies) {
        return with(f -> f.bodies = newBodies);
    }

    /** The same with the session list served to every client ({@code --list-sessions}), or to this machine only. */
    public ServerConfig withListSessions(boolean newListSessions) {
        return with(f -> f.listSessions = newListSessions);
    }

    /** The same with another most number of feedback sessions kept ({@code --max-sessions}). */
    public ServerConfig withMaxSessions(int newMaxSessions) {
        return with(f -> f.maxSessions = newMaxSessions);
    }

    /** This configuration with the fields {@code change} sets changed, checked as a new one is: one place lists them all. */
    private ServerConfig with(Consumer<Fields> change) {
        Fields f = new Fields(this);
        change.accept(f);
        return f.build();
    }

    /** The fields of a configuration being copied with some changed. */
    private static final class Fields {
        private String host;
        private int port;
        private long maxUploadBytes;
        private long maxImageSamples;
        private int maxK;
        private long thumbnailCacheBytes;
        private SearchMethod search;
        private Path sessions;
        private Duration reloadCheck;
        private boolean logRequests;
        private List<String> corsOrigins;
        private List<String> allowedHosts;
        private BodyLimits bodies;
        private boolean listSessions;
        private int maxSessions;

        Fields(ServerConfig c) {
            host = c.host;
            port = c.port;
            maxUploadBytes = c.maxUploadBytes;
            maxImageSamples = c.maxImageSamples;
            maxK = c.maxK;
            thumbnailCacheBytes = c.thumbnailCacheBytes;
            search = c.search;
            sessions = c.sessions;
            reloadCheck = c.reloadCheck;
            logRequests = c.logRequests;
            corsOrigins = c.corsOrigins;
            allowedHosts = c.allowedHosts;
            bodies = c.bodies;
            listSessions = c.listSessions;
            maxSessions = c.maxSessions;
        }

        ServerConfig build() {
            return new ServerConfig(host, port, maxUploadBytes, maxImageSamples, maxK, thumbnailCacheBytes, search, sessions,
                    reloadCheck, logRequests, corsOrigins, allowedHosts, bodies, listSessions, maxSessions);
        }
    }
}
