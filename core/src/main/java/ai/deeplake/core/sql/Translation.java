package ai.deeplake.core.sql;

import ai.deeplake.api.ColumnType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One user statement translated for DuckDB by {@link SqlTranslator}.
 *
 * @param kind what the statement does, which decides how the engine runs it
 * @param sql the DuckDB SQL to run, with the parameters still {@code $1..$n}; null when the engine
 *     carries the statement out itself ({@link Kind#CREATE_INDEX} with an {@code index},
 *     {@link Kind#DROP_INDEX}). With a {@code search} plan, the exact statement, which reads the scores
 *     of text searches from temporary tables the engine makes ({@link SearchPlan#scoresTable})
 * @param table the table a DDL or index statement names (unquoted, without schema); null otherwise and
 *     for {@code DROP INDEX}
 * @param domainTypes for {@code CREATE TABLE} and {@code ALTER TABLE}: the Deeplake type of each column
 *     declared or retyped with a type that has one ({@code IMAGE}, {@code EMBEDDING}, {@code TEXT},
 *     {@code INT8}...), keyed by unquoted column name in declaration order; empty otherwise
 * @param index for {@code deeplake_index} statements: what to create or drop; null otherwise
 * @param write for {@code INSERT}, {@code UPDATE} and {@code DELETE}: the rows it changes; null otherwise
 * @param search for a statement whose search operators need search indexes (BM25, hybrid, or a
 *     top-k search an index may answer): how to run it; null otherwise
 */
public record Translation(Kind kind, String sql, String table, Map<String, ColumnType> domainTypes,
        IndexCommand index, Write write, SearchPlan search) {

    /**
     * The rows an {@code INSERT}, {@code UPDATE} or {@code DELETE} changes.
     *
     * @param table the table changed (unquoted)
     * @param updatesValues whether values of existing rows may change ({@code UPDATE}), not only which
     *     rows there are
     */
    public record Write(String table, boolean updatesValues) {
    }

    /** What a statement does. */
    public enum Kind {
        /** Returns rows: SELECT, WITH, VALUES, EXPLAIN, and INSERT/UPDATE/DELETE ... RETURNING. */
        QUERY,
        /** Changes rows and returns a count: INSERT/UPDATE/DELETE without RETURNING. */
        UPDATE,
        CREATE_TABLE,
        DROP_TABLE,
        /** ADD/DROP/RENAME COLUMN, ALTER COLUMN, RENAME TO. */
        ALTER_TABLE,
        /**
         * With {@link Translation#index()}: a {@code deeplake_index} for the engine to build ({@code sql}
         * null). Without: an ordinary DuckDB index, created by running {@code sql}.
         */
        CREATE_INDEX,
        /**
         * {@code DROP INDEX}: {@code sql} is null; the engine drops its own index of that name, or else an
         * ordinary DuckDB index of that name.
         */
        DROP_INDEX
    }

    /** A statement without search operators or written rows. */
    public Translation(Kind kind, String sql, String table, Map<String, ColumnType> domainTypes, IndexCommand index) {
        this(kind, sql, table, domainTypes, index, null, null);
    }

    /** @return this translation for another call's values of the statement's parameters (see {@link SearchPlan#bind}) */
    Translation bind(QueryParams values) {
        return search == null ? this : new Translation(kind, sql, table, domainTypes, index, write, search.bind(values));
    }

    /** Copies {@code domainTypes} (null means none), keeping its order. */
    public Translation {
        Objects.requireNonNull(kind, "kind");
        domainTypes = domainTypes == null || domainTypes.isEmpty()
                ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(domainTypes));
    }
}
