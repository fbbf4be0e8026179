package ai.deeplake.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link DeeplakeServer}; {@link #defaults} gives the documented defaults and the
 * {@code with...} methods change one each.
 *
 * @param root the data folder: {@code <root>/<org>/<workspace>/}
 * @param secret the HS256 key tokens are signed with
 * @param host the interface to listen on
 * @param port the port; 0 picks a free one
 * @param maxBodyBytes request bodies over this are refused with 413
 * @param maxConcurrentQueries statements (queries, batches, streams) run at once
 * @param queueWait how long a statement waits for a free slot before 503
 * @param defaultQueryTimeout the timeout of a statement whose request has no {@code timeout_ms}
 * @param frameIngest whether to offer the binary bulk ingest endpoint (and advertise it in {@code /me});
 *     without it the SDK ingests through {@code /tables/query/batch}, as against the hosted API
 */
public record ServerConfig(Path root, String secret, String host, int port, long maxBodyBytes,
        int maxConcurrentQueries, Duration queueWait, Duration defaultQueryTimeout, boolean frameIngest) {
    /** 256 MB: a batch of 200 rows with images of a megabyte each, with room to spare. */
    public static final long DEFAULT_MAX_BODY_BYTES = 256L << 20;

    /** Checks the settings. */
    public ServerConfig {
        Objects.requireNonNull(root, "root");
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("The server secret must not be empty");
        }
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535 || maxBodyBytes <= 0 || maxConcurrentQueries <= 0
                || queueWait.isNegative() || defaultQueryTimeout.isNegative() || defaultQueryTimeout.isZero()) {
            throw new IllegalArgumentException("Invalid server settings: " + this);
        }
    }

    /**
     * Loopback on port 8080, 256 MB bodies, two statements per core (at least 4) at once, waiting
     * up to 5 s for a slot, 5-minute statement timeout, the binary bulk ingest endpoint offered.
     */
    public static ServerConfig defaults(Path root, String secret) {
        int slots = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        return new ServerConfig(root, secret, "127.0.0.1", 8080, DEFAULT_MAX_BODY_BYTES, slots,
                Duration.ofSeconds(5), Duration.ofMinutes(5), true);
    }

    /** @return these settings listening on {@code host} */
    public ServerConfig withHost(String host) {
        return new ServerConfig(root, secret, host, port, maxBodyBytes, maxConcurrentQueries, queueWait, defaultQueryTimeout, frameIngest);
    }

    /** @return these settings on {@code port} (0: a free one) */
    public ServerConfig withPort(int port) {
        return new ServerConfig(root, secret, host, port, maxBodyBytes, maxConcurrentQueries, queueWait, defaultQueryTimeout, frameIngest);
    }

    /** @return these settings with another body limit */
    public ServerConfig withMaxBodyBytes(long maxBodyBytes) {
        return new ServerConfig(root, secret, host, port, maxBodyBytes, maxConcurrentQueries, queueWait, defaultQueryTimeout, frameIngest);
    }

    /** @return these settings running at most {@code maxConcurrentQueries} statements, each waiting up to {@code queueWait} for a slot */
    public ServerConfig withConcurrency(int maxConcurrentQueries, Duration queueWait) {
        return new ServerConfig(root, secret, host, port, maxBodyBytes, maxConcurrentQueries, queueWait, defaultQueryTimeout, frameIngest);
    }

    /** @return these settings with another timeout for statements whose request sets none */
    public ServerConfig withDefaultQueryTimeout(Duration defaultQueryTimeout) {
        return new ServerConfig(root, secret, host, port, maxBodyBytes, maxConcurrentQueries, queueWait, defaultQueryTimeout, frameIngest);
    }

    /** @return these settings with the binary bulk ingest endpoint offered or not */
    public ServerConfig withFrameIngest(boolean frameIngest) {
        return new ServerConfig(root, secret, host, port, maxBodyBytes, maxConcurrentQueries, queueWait, defaultQueryTimeout, frameIngest);
    }

    @Override
    public String toString() {
        // Never the secret: settings end up in logs and error messages.
        return "ServerConfig[root=" + root + ", host=" + host + ", port=" + port + ", maxBodyBytes=" + maxBodyBytes
                + ", maxConcurrentQueries=" + maxConcurrentQueries + ", queueWait=" + queueWait
                + ", defaultQueryTimeout=" + defaultQueryTimeout + ", frameIngest=" + frameIngest + "]";
    }
}
