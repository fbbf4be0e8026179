package ai.deeplake.core.sql;

import ai.deeplake.api.ColumnType;
import ai.deeplake.api.TableError;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.ExplainStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.table.ColDataType;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.util.deparser.SelectDeParser;
import net.sf.jsqlparser.util.deparser.StatementDeParser;

/**
 * Translates one statement of PostgreSQL with pg_deeplake's extensions into DuckDB SQL, refusing
 * whatever would reach beyond the workspace's own tables.
 *
 * <p>Accepted: {@code SELECT}/{@code WITH}/{@code VALUES}, {@code INSERT}/{@code UPDATE}/{@code DELETE}
 * (with or without {@code RETURNING}), {@code EXPLAIN}, {@code CREATE TABLE}, {@code DROP TABLE},
 * {@code ALTER TABLE}, {@code CREATE INDEX}, {@code DROP INDEX}, with the pg_deeplake forms:
 * {@code emb <#> $1} (cosine similarity), {@code emb_2d <#> ARRAY[[..],[..]]} (MaxSim),
 * {@code text <#> 'query'} (BM25), {@code (emb, text)::deeplake_hybrid_record <#> deeplake_hybrid_record(...)}
 * (hybrid), {@code text @> 'kw'} (case-insensitive substring), {@code decode($1, 'hex')::IMAGE} and casts
 * to the Deeplake types; {@code BM25_SIMILARITY(...)} is refused with a pointer to {@code <#>}.
 *
 * <p><b>Search</b>: a statement with BM25 or hybrid search, or a top-k search that an index could
 * answer ({@link SearchRouting}), comes with a {@link SearchPlan} the engine runs with its search
 * indexes; {@link Translation#sql()} is then the exact statement.
 *
 * <p><b>Parameters</b> stay {@code $1..$n} in the output. The translator reads their values only to
 * choose casts, and expects the engine to bind them as follows:
 * <ul>
 *   <li>{@code String}, {@code Long}/{@code Integer}, {@code Double}/{@code Float}, {@code Boolean},
 *       {@code byte[]}: {@code setObject} (DuckDB VARCHAR, BIGINT/INTEGER, DOUBLE/FLOAT, BOOLEAN, BLOB);</li>
 *   <li>1-D vectors — {@code float[]}, or {@code double[]} / {@code List<? extends Number>} converted to
 *       {@code float[]}: {@code setArray(conn.createArrayOf("FLOAT", boxedFloats))}, a DuckDB
 *       {@code FLOAT[]} list; the SQL casts it to {@code FLOAT[n]} where needed;</li>
 *   <li>2-D vectors — {@code float[][]}, {@code double[][]} or a list of vectors: flattened row-major
 *       into one {@code float[]} and bound like a 1-D vector. The DuckDB JDBC driver (2.0.0.1) cannot
 *       bind nested lists, so the SQL rebuilds the rows from the shape it saw here.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class SqlTranslator {
    /** Creates a translator; it holds no state, so one instance may serve every thread. */
    public SqlTranslator() {
        // Nothing to set up: each translation builds its own parser and writers.
    }

    /**
     * @param sql one statement (a trailing {@code ;} is fine)
     * @param params the values of {@code $1..$n} (see the class comment); null means none
     * @return the statement for DuckDB and what the engine needs to know about it
     * @throws TableError on a syntax error (with line and column), a statement or construct that is not
     *     allowed, an unsupported search form, or a parameter without a value
     */
    public Translation translate(String sql, List<Object> params) {
        return translateValues(sql, new QueryParams(params));
    }

    /**
     * {@link #translate(String, List)}; afterwards {@code values} knows which parameter values beyond
     * their shapes the translation depends on ({@link QueryParams#decisive()}).
     */
    Translation translateValues(String sql, QueryParams values) {
        try {
            return translateStatement(sql, values);
        } catch (StackOverflowError e) {
            throw tooDeep(sql, e);
        }
    }

    /**
     * The syntax tree is walked and written by recursion: a long chain of binary operators (which no
     * nesting screen sees) can still exhaust the stack, and that must end as a TableError, not
     * escape as an Error.
     */
    private static TableError tooDeep(String sql, StackOverflowError e) {
        return new TableError("SQL is too deeply nested or too long to translate (" + sql.length() + " characters)", e);
    }

    private Translation translateStatement(String sql, QueryParams values) {
        Statement statement = StatementReader.read(sql);
        if (statement instanceof Select) {
            return runnable(Translation.Kind.QUERY, statement, values, null, Map.of());
        }
        if (statement instanceof Insert || statement instanceof Update || statement instanceof Delete) {
            return runnable(changeKind(statement), statement, values, null, Map.of());
        }
        if (statement instanceof ExplainStatement explain) {
            Statement explained = explain.getStatement();
            if (explained == null) {
                throw new TableError("EXPLAIN needs a statement to explain");
            }
            if (!(explained instanceof Select) && changeKind(explained) == null) {
                throw StatementReader.notAllowed("EXPLAIN " + StatementReader.leadingWords(explained.toString()));
            }
            return runnable(Translation.Kind.QUERY, statement, values, null, Map.of());
        }
        if (statement instanceof CreateTable create) {
            Map<String, ColumnType> domainTypes = TableDefinitions.prepareCreate(create);
            return runnable(Translation.Kind.CREATE_TABLE, statement, values, name(create.getTable()), domainTypes);
        }
        if (statement instanceof Alter alter) {
            Map<String, ColumnType> domainTypes = TableDefinitions.prepareAlter(alter);
            return runnable(Translation.Kind.ALTER_TABLE, statement, values, name(alter.getTable()), domainTypes);
        }
        if (statement instanceof Drop drop) {
            return drop(drop, values);
        }
        if (statement instanceof CreateIndex create) {
            if (IndexStatements.isDeeplakeIndex(create)) {
                IndexCommand index = IndexStatements.create(create);
                return new Translation(Translation.Kind.CREATE_INDEX, null, index.table(), Map.of(), index);
            }
            Sandbox.requireOwnTable(create.getTable());
            return runnable(Translation.Kind.CREATE_INDEX, statement, values, name(create.getTable()), Map.of());
        }
        throw StatementReader.notAllowed(StatementReader.leadingWords(sql));
    }

    /**
     * @param params the values of {@code $1..$n}; null means none
     * @return a key that is equal for two parameter lists exactly when {@link #translate} writes the
     *     same SQL for both (the number of values and, for each, whether it is a text, a vector of
     *     some length, a 2-D vector of some shape or anything else), so that an engine running one
     *     statement for many parameter rows translates and prepares it once per distinct key
     */
    public Object translationKey(List<Object> params) {
        return new QueryParams(params).shapes();
    }

    /**
     * Translates a single-row {@code INSERT INTO t (cols) VALUES (...)} into one that inserts a row
     * for every row of a staging table: {@code INSERT INTO t (cols) SELECT ... FROM stageTable}, the
     * tuple's {@code $n} read as the staging table's column {@code p<n>}. An engine that must run
     * one INSERT for many parameter rows appends the rows to that table and runs this once, which
     * is an order of magnitude faster in DuckDB than one execution per row.
     *
     * @param params a parameter row representative of all (for the shapes, see {@link #translationKey})
     * @param stageTable the staging table's name, an unquoted identifier
     * @return the translation, or empty when the statement is not a single-row {@code INSERT ...
     *     VALUES} with {@code $n} parameters and without {@code RETURNING}, {@code ON CONFLICT},
     *     {@code WITH} or a search that needs the engine's indexes
     * @throws TableError as {@link #translate} does
     */
    public Optional<Translation> translateFromStage(String sql, List<Object> params, String stageTable) {
        try {
            return translateStatementFromStage(sql, params, stageTable);
        } catch (StackOverflowError e) {
            throw tooDeep(sql, e);
        }
    }

    private static Optional<Translation> translateStatementFromStage(String sql, List<Object> params, String stageTable) {
        Statement statement = StatementReader.read(sql);
        if (!(statement instanceof Insert insert) || !(insert.getSelect() instanceof Values values)
                || !(values.getExpressions() instanceof ParenthesedExpressionList<?> tuple)
                || insert.getReturningClause() != null || insert.getConflictAction() != null
                || insert.getDuplicateUpdateSets() != null || insert.getSetUpdateSets() != null
                || insert.getWithItemsList() != null || insert.getOutputClause() != null
                || filter(AstNodes.of(statement), JdbcParameter.class).stream().anyMatch(p -> p.getIndex() == null)) {
            return Optional.empty();
        }
        Sandbox.requireOwnTable(insert.getTable());
        PlainSelect select = new PlainSelect().withFromItem(new Table(stageTable));
        tuple.forEach(expression -> select.addSelectItem((Expression) expression));
        insert.setSelect(select);
        Translation staged = runnable(Translation.Kind.UPDATE, insert, new QueryParams(params), null, Map.of(), stageTable);
        // A search needs the engine's indexes for each row's own values: such an INSERT runs row by row.
        return staged.search() == null ? Optional.of(staged) : Optional.empty();
    }

    private static Translation drop(Drop drop, QueryParams values) {
        String type = drop.getType() == null ? "" : drop.getType().toUpperCase(Locale.ROOT);
        if (type.equals("INDEX")) {
            return new Translation(Translation.Kind.DROP_INDEX, null, null, Map.of(), IndexStatements.drop(drop));
        }
        if (!type.equals("TABLE")) {
            throw StatementReader.notAllowed("DROP " + type);
        }
        if (drop.getNames() != null && drop.getNames().size() > 1) {
            throw new TableError("DROP TABLE drops one table at a time");
        }
        Sandbox.requireOwnTable(drop.getName());
        return runnable(Translation.Kind.DROP_TABLE, drop, values, name(drop.getName()), Map.of());
    }

    /** @return UPDATE or QUERY (with RETURNING) for INSERT/UPDATE/DELETE, after checking the target; else null */
    private static Translation.Kind changeKind(Statement statement) {
        Table target;
        boolean returning;
        if (statement instanceof Insert insert) {
            target = insert.getTable();
            returning = insert.getReturningClause() != null;
        } else if (statement instanceof Update update) {
            target = update.getTable();
            returning = update.getReturningClause() != null;
        } else if (statement instanceof Delete delete) {
            target = delete.getTable();
            returning = delete.getReturningClause() != null;
        } else {
            return null;
        }
        Sandbox.requireOwnTable(target);
        return returning ? Translation.Kind.QUERY : Translation.Kind.UPDATE;
    }

    /** {@link #runnable(Translation.Kind, Statement, QueryParams, String, Map, String)} reading the parameters themselves. */
    private static Translation runnable(Translation.Kind kind, Statement statement, QueryParams values,
            String table, Map<String, ColumnType> domainTypes) {
        return runnable(kind, statement, values, table, domainTypes, null);
    }

    /**
     * Checks every node against the sandbox, maps the types and writes the statement as DuckDB SQL,
     * with a search plan when its search operators need the engine's indexes.
     *
     * @param stageTable null, or the staging table whose column {@code p<n>} is written for each {@code $n}
     */
    private static Translation runnable(Translation.Kind kind, Statement statement, QueryParams values,
            String table, Map<String, ColumnType> domainTypes, String stageTable) {
        List<Object> nodes = AstNodes.of(statement);
        Sandbox.check(nodes);
        values.requireValues(filter(nodes, JdbcParameter.class));
        filter(nodes, ColDataType.class).forEach(DuckDbTypes::toDuckDb);
        SearchTerms terms = new SearchTerms();
        Optional<SearchRouting.TopK> topK = SearchRouting.prepare(statement, new ConstantValues(values),
                terms.markers().candidates());
        StringBuilder sql = new StringBuilder();
        DuckDbExpressionWriter writer = new DuckDbExpressionWriter(values, terms, SearchScopes.of(statement), stageTable);
        statement.accept(new StatementDeParser(writer, new SelectDeParser(), sql));
        writer.requireTranslated(nodes);

        SqlTemplate template = new SqlTemplate(sql.toString(), terms.markers());
        SearchRoute route = topK.map(t -> SearchRouting.route(t, terms.of(t.search()))).orElse(null);
        int parameters = filter(nodes, JdbcParameter.class).stream().map(JdbcParameter::getIndex)
                .filter(Objects::nonNull).mapToInt(Integer::intValue).max().orElse(0);
        SearchPlan plan = route == null && terms.texts().isEmpty() ? null : new SearchPlan(template, terms.texts(), route,
                route == null ? null : topK.get().table().reference() + "._id", parameters,
                statement instanceof ExplainStatement);
        String exact = plan == null ? template.render("TRUE", id -> {
            throw new IllegalStateException("a statement without text searches has no score relation " + id);
        }) : plan.exactSql();
        return new Translation(kind, exact, table, domainTypes, null, write(statement), plan);
    }

    /** @return the rows an INSERT, UPDATE or DELETE changes; null for other statements */
    private static Translation.Write write(Statement statement) {
        if (statement instanceof Insert insert) {
            return new Translation.Write(name(insert.getTable()), false);
        }
        if (statement instanceof Update update) {
            return new Translation.Write(name(update.getTable()), true);
        }
        if (statement instanceof Delete delete) {
            return new Translation.Write(name(delete.getTable()), false);
        }
        return null;
    }

    private static <T> List<T> filter(List<Object> nodes, Class<T> type) {
        return nodes.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static String name(Table table) {
        return SqlNames.unquote(table.getName());
    }
}
