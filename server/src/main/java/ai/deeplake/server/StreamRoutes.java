package ai.deeplake.server;

import ai.deeplake.core.engine.EmbeddedBackend;
import ai.deeplake.core.engine.StatementResult;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /workspaces/{ws}/tables/stream} {@code {query, params, batch_size, timeout_ms}}: the
 * rows of one statement in batches, written as they are read (chunked transfer), for
 * {@code Dataset.batches} in remote mode. JSON lines by default, binary frames when the request
 * accepts {@value FrameFormat#CONTENT_TYPE}.
 *
 * <p>Errors found before the first byte (bad SQL, unknown workspace) are ordinary error answers;
 * later ones end the stream with an error line or frame, since the status is already sent.
 */
final class StreamRoutes {
    static final int DEFAULT_BATCH_SIZE = 1000;
    static final int MAX_BATCH_SIZE = 100_000;
    /** How long batches may wait in the response buffer (64 KB) before they are sent anyway. */
    private static final long FLUSH_EVERY_NANOS = 20_000_000;
    private static final Logger LOG = LoggerFactory.getLogger(StreamRoutes.class);

    private final Workspaces workspaces;
    private final RequestBody bodies;
    private final QuerySlots slots;
    private final Duration defaultTimeout;

    StreamRoutes(Workspaces workspaces, RequestBody bodies, QuerySlots slots, Duration defaultTimeout) {
        this.workspaces = workspaces;
        this.bodies = bodies;
        this.slots = slots;
        this.defaultTimeout = defaultTimeout;
    }

    void register(RoutesConfig routes) {
        routes.post("/workspaces/{ws}/tables/stream", this::stream);
    }

    private void stream(Context ctx) throws IOException {
        EmbeddedBackend backend = workspaces.require(ctx);
        JsonNode body = bodies.object(ctx);
        String sql = RequestBody.requiredText(body, "query");
        List<Object> params = Params.forStatement(sql).decode(body.get("params"), "params");
        long batchSize = RequestBody.positiveLong(body, "batch_size", DEFAULT_BATCH_SIZE);
        if (batchSize > MAX_BATCH_SIZE) {
            throw ApiException.badRequest("batch_size must be at most " + MAX_BATCH_SIZE);
        }
        Duration timeout = RequestBody.timeout(body, defaultTimeout);
        try (QuerySlots.Slot slot = slots.acquire(); StatementResult result = backend.execute(sql, params, timeout)) {
            BatchFormat format = BatchFormat.forAccept(ctx.header("Accept"), new BufferedOutputStream(ctx.outputStream(), 1 << 16));
            ctx.contentType(format.contentType());
            try {
                send(result, format, (int) batchSize);
            } catch (IOException e) {
                // The client went away; the statement is closed below and nothing more can be said.
                LOG.debug("Stream to {} ended early: {}", ctx.ip(), e.getMessage());
                return;
            } catch (RuntimeException e) {
                format.error(ErrorMapper.describe(e, ctx.method() + " " + ctx.path()));
            }
            format.flush();
        }
    }

    private static void send(StatementResult result, BatchFormat format, int batchSize) throws IOException {
        if (!result.hasRows()) {
            format.end(result.changedRows());
            return;
        }
        format.start(WireColumn.of(result));
        long sent = 0;
        long flushed = 0;
        for (boolean first = true; ; first = false) {
            int n = format.batch(result, batchSize, first);
            sent += n;
            if (n < batchSize) {
                break;
            }
            // The first batch goes out at once, later ones when the 64 KB buffer fills or 20 ms have
            // passed: flushing every small batch (256 rows) is a write and a wake-up of the reader each.
            long now = System.nanoTime();
            if (first || now - flushed > FLUSH_EVERY_NANOS) {
                format.flush();
                flushed = now;
            }
        }
        format.end(sent);
    }
}
