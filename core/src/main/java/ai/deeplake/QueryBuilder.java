package ai.deeplake;

import ai.deeplake.core.Sql;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A fluent SELECT on one table, from {@link Client#table(String)}:
 *
 * <pre>{@code
 * List<Row> rows = client.table("videos")
 *         .select("id", "text", "start_time")
 *         .where("file_id = $1", "abc123")
 *         .where("start_time > $2", 60)
 *         .orderBy("start_time ASC")
 *         .limit(10)
 *         .execute();
 * }</pre>
 *
 * Each {@code where} adds an AND condition; its {@code $n} placeholders number across all
 * {@code where} calls, and the parameters are taken in the order given. Column lists and conditions
 * are SQL expressions, written as in {@link Client#query}. A builder is not thread-safe.
 */
public final class QueryBuilder {
    private final Client client;
    private final String table;
    private final List<String> columns = new ArrayList<>();
    private final List<String> conditions = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();
    private final List<String> orderBy = new ArrayList<>();
    private Integer limit;
    private Integer offset;
    private Duration timeout = Client.DEFAULT_TIMEOUT;

    QueryBuilder(Client client, String table) {
        this.client = client;
        this.table = Sql.tableName(table);
    }

    /** Sets the selected columns or expressions (default {@code *}). */
    public QueryBuilder select(String... columns) {
        this.columns.clear();
        this.columns.addAll(Arrays.asList(columns));
        return this;
    }

    /** Adds a condition, ANDed with the others, and the values of its {@code $n} placeholders. */
    public QueryBuilder where(String condition, Object... params) {
        conditions.add(condition);
        this.params.addAll(Arrays.asList(params));
        return this;
    }

    /** Adds an ORDER BY clause, e.g. {@code "start_time ASC"}. */
    public QueryBuilder orderBy(String clause) {
        orderBy.add(clause);
        return this;
    }

    public QueryBuilder limit(int limit) {
        this.limit = nonNegative("limit", limit);
        return this;
    }

    public QueryBuilder offset(int offset) {
        this.offset = nonNegative("offset", offset);
        return this;
    }

    /** Sets the query timeout (default 60 s). */
    public QueryBuilder timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    private static int nonNegative(String what, int n) {
        if (n < 0) {
            throw new IllegalArgumentException(what + " must not be negative, got " + n);
        }
        return n;
    }

    /** @return the SQL this builder runs */
    public String sql() {
        StringBuilder sql = new StringBuilder("SELECT ")
                .append(columns.isEmpty() ? "*" : String.join(", ", columns))
                .append(" FROM ").append(Sql.quote(table));
        if (!conditions.isEmpty()) {
            sql.append(" WHERE ");
            for (int i = 0; i < conditions.size(); i++) {
                sql.append(i == 0 ? "" : " AND ").append('(').append(conditions.get(i)).append(')');
            }
        }
        if (!orderBy.isEmpty()) {
            sql.append(" ORDER BY ").append(String.join(", ", orderBy));
        }
        if (limit != null) {
            sql.append(" LIMIT ").append(limit);
        }
        if (offset != null) {
            sql.append(" OFFSET ").append(offset);
        }
        return sql.toString();
    }

    /** @return the parameters, in {@code $n} order */
    public List<Object> params() {
        return List.copyOf(params);
    }

    /** Runs the query. */
    public List<Row> execute() {
        return client.query(sql(), params, timeout);
    }

    /** Runs the query without blocking, as {@link AsyncClient} does. */
    public CompletableFuture<List<Row>> executeAsync() {
        return client.queryAsync(sql(), params, timeout, AsyncClient.BLOCKING);
    }
}
