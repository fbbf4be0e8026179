package ai.deeplake.core.remote;

import ai.deeplake.api.Batch;
import ai.deeplake.api.ColumnType;
import ai.deeplake.api.Schema;
import ai.deeplake.api.Schema.Column;
import ai.deeplake.core.RowIds;
import ai.deeplake.core.Sql;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Rows as one parameterised INSERT run for up to {@link #ROWS_PER_CALL} parameter rows per call of
 * {@code /tables/query/batch}, the path any pg_deeplake-backed API takes: binary values as
 * {@code decode($n, 'hex')}, vectors as {@code $n::FLOAT4[]}, JSON as {@code $n::JSON}.
 */
final class InsertWire implements RemoteTableWriter.Wire {
    static final int ROWS_PER_CALL = 200;
    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(5);

    private final RemoteBackend backend;
    private final List<Column> columns;
    private final RowIds ids;
    private final String insert;
    private List<List<Object>> pending = new ArrayList<>();

    InsertWire(RemoteBackend backend, String table, Schema schema, RowIds ids) {
        this.backend = backend;
        this.columns = schema.columns();
        this.ids = ids;
        StringBuilder names = new StringBuilder(Sql.quote(RemoteTableWriter.ROW_ID));
        StringBuilder values = new StringBuilder("$1");
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            names.append(", ").append(Sql.quote(c.name()));
            String p = "$" + (i + 2);
            values.append(", ").append(switch (c.type().kind()) {
                case BYTES -> "decode(" + p + ", 'hex')";
                case VECTOR -> p + "::FLOAT4[]";
                default -> c.type() == ColumnType.JSON ? p + "::JSON" : p;
            });
        }
        this.insert = "INSERT INTO " + Sql.quote(table) + " (" + names + ") VALUES (" + values + ")";
    }

    @Override
    public void add(Batch batch, int from, int to, long firstRow) {
        for (int row = from; row < to; row++) {
            List<Object> params = new ArrayList<>(columns.size() + 1);
            params.add(ids.id(firstRow + row - from));
            for (Column c : columns) {
                params.add(batch.has(c.name()) ? wire(batch.value(c.name(), row)) : null);
            }
            pending.add(params);
        }
    }

    private static Object wire(Object value) {
        return value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : value;
    }

    @Override
    public boolean accepts(Batch batch) {
        return true;
    }

    @Override
    public boolean full() {
        return pending.size() >= ROWS_PER_CALL;
    }

    @Override
    public boolean isEmpty() {
        return pending.isEmpty();
    }

    @Override
    public CompletableFuture<?> send() {
        List<List<Object>> call;
        if (pending.size() <= ROWS_PER_CALL) {
            call = pending;
            pending = new ArrayList<>();
        } else {
            call = new ArrayList<>(pending.subList(0, ROWS_PER_CALL));
            pending = new ArrayList<>(pending.subList(ROWS_PER_CALL, pending.size()));
        }
        return backend.batch(insert, call, CALL_TIMEOUT);
    }
}
