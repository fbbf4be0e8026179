package ai.deeplake.server;

import ai.deeplake.api.Batch;
import ai.deeplake.api.IngestError;
import ai.deeplake.api.Schema;
import ai.deeplake.core.RowIds;
import ai.deeplake.core.TableWriter;
import ai.deeplake.core.engine.EmbeddedBackend;
import ai.deeplake.core.remote.FrameCodec;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * {@code POST /workspaces/{ws}/tables/{table}/ingest}: the bulk ingest path of the SDK to our own
 * server, advertised as {@value #CAPABILITY} in {@code /me}. The body is binary frames
 * ({@link FrameCodec}): a header {@code {"columns", "encodings", "id_prefix", "first_row"}}, batch
 * frames, an end frame. The rows go through the same table writer as an embedded ingest, as one
 * block: committed together when the end frame arrives, or not at all. Their {@code _id}s continue
 * the client's ingest ({@code id_prefix} and the row numbers from {@code first_row}), so the client
 * undoes a failed ingest the same way on every path. Answers {@code {"row_count": N}}.
 */
final class IngestRoutes {
    /** The {@code /me} capability that tells the SDK this endpoint exists. */
    static final String CAPABILITY = FrameCodec.INGEST_CAPABILITY;

    private final Workspaces workspaces;
    private final RequestBody bodies;
    private final QuerySlots slots;

    IngestRoutes(Workspaces workspaces, RequestBody bodies, QuerySlots slots) {
        this.workspaces = workspaces;
        this.bodies = bodies;
        this.slots = slots;
    }

    void register(RoutesConfig routes) {
        routes.post("/workspaces/{ws}/tables/{table}/ingest", this::ingest);
    }

    private void ingest(Context ctx) {
        EmbeddedBackend backend = workspaces.require(ctx);
        String table = ctx.pathParam("table");
        String type = ctx.contentType();
        if (type == null || !type.startsWith(FrameCodec.CONTENT_TYPE)) {
            throw ApiException.badRequest("The ingest body must be " + FrameCodec.CONTENT_TYPE + ", not " + type);
        }
        long written;
        try (QuerySlots.Slot slot = slots.acquire()) {
            written = bodies.binary(ctx, body -> append(backend, table, body));
        }
        ctx.json(Map.of("row_count", written));
    }

    private static long append(EmbeddedBackend backend, String table, InputStream body) throws IOException {
        DataInputStream in = new DataInputStream(body);
        FrameCodec.Frame first = FrameCodec.read(in);
        if (first.kind() != FrameCodec.HEADER) {
            throw new IOException("an ingest body starts with a header frame");
        }
        JsonNode header = Json.MAPPER.readTree(first.payload());
        String[] columns = texts(header.path("columns"));
        String[] encodings = texts(header.path("encodings"));
        if (encodings.length != columns.length) {
            throw new IOException("the header has " + columns.length + " columns and " + encodings.length + " encodings");
        }
        RowIds ids;
        try {
            ids = new RowIds(header.path("id_prefix").asText(""));
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        long firstRow = header.path("first_row").asLong(-1);
        if (firstRow < 0) {
            throw new IOException("the header's first_row must be a number >= 0");
        }
        Schema schema = backend.tableSchema(table).orElseThrow(() -> ApiException.tableNotFound(table));
        for (String column : columns) {
            if (schema.column(column).isEmpty()) {
                throw new IngestError("Table '" + table + "' has no column '" + column + "'");
            }
        }
        try (TableWriter writer = backend.openWriter(table, schema, ids, firstRow)) {
            try {
                for (FrameCodec.Frame f = FrameCodec.read(in); f.kind() != FrameCodec.END; f = FrameCodec.read(in)) {
                    if (f.kind() != FrameCodec.BATCH) {
                        throw new IOException("unexpected frame kind " + f.kind() + " in an ingest body");
                    }
                    Batch batch = FrameCodec.decode(f.payload(), columns, encodings);
                    writer.write(batch, 0, batch.size());
                }
                return writer.finish();
            } catch (IOException | RuntimeException e) {
                // The client's ingest fails with this answer and undoes itself; this drops what it
                // already committed too, so nothing of it stays whatever the client does next.
                try {
                    writer.abort();
                } catch (RuntimeException undo) {
                    e.addSuppressed(undo);
                }
                throw e;
            }
        }
    }

    private static String[] texts(JsonNode array) throws IOException {
        if (!array.isArray()) {
            throw new IOException("the header must list columns and encodings");
        }
        String[] out = new String[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asText();
        }
        return out;
    }
}
