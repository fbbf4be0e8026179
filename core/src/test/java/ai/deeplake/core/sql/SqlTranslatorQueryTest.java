package ai.deeplake.core.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ordinary PostgreSQL, translated and run on DuckDB. */
class SqlTranslatorQueryTest {
    private DuckDbSession db;

    @BeforeEach
    void createTables() {
        db = new DuckDbSession();
        db.update("CREATE TABLE customers (id INT64, name TEXT)");
        db.update("CREATE TABLE orders (id INT64, customer_id INT64, amount FLOAT64)");
        db.update("INSERT INTO customers (id, name) VALUES (1, 'Alice'), (2, 'bob'), (3, 'Carol')");
        db.update("INSERT INTO orders (id, customer_id, amount) VALUES"
                + " (10, 1, 5.0), (11, 1, 20.0), (12, 2, 7.5), (13, 1, 1.0), (14, 3, 30.0)");
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    @Test
    void joinWithAggregates() {
        List<List<Object>> rows = db.query("SELECT c.name, COUNT(o.id) AS n, SUM(o.amount) AS total"
                + " FROM customers c JOIN orders o ON o.customer_id = c.id"
                + " GROUP BY c.name HAVING SUM(o.amount) > 7 ORDER BY c.name");
        assertEquals(List.of(List.of("Alice", 3L, 26.0), List.of("Carol", 1L, 30.0), List.of("bob", 1L, 7.5)), rows);
    }

    @Test
    void leftJoinKeepsUnmatchedRows() {
        db.update("INSERT INTO customers (id, name) VALUES (4, 'Dan')");
        List<List<Object>> rows = db.query("SELECT c.name FROM customers c LEFT JOIN orders o"
                + " ON o.customer_id = c.id WHERE o.id IS NULL");
        assertEquals(List.of(List.of("Dan")), rows);
    }

    @Test
    void countStar() {
        assertEquals(5L, db.value("SELECT COUNT(*) FROM orders"));
    }

    @Test
    void commonTableExpression() {
        Object count = db.value("WITH big AS (SELECT * FROM orders WHERE amount > 6)"
                + " SELECT COUNT(*) FROM big JOIN customers ON customers.id = big.customer_id");
        assertEquals(3L, count);
    }

    @Test
    void windowFunctions() {
        List<List<Object>> rows = db.query("SELECT id, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY id) AS rn,"
                + " SUM(amount) OVER (PARTITION BY customer_id ORDER BY id) AS running,"
                + " RANK() OVER (ORDER BY amount DESC) AS amount_rank"
                + " FROM orders WHERE customer_id = 1 ORDER BY id");
        assertEquals(List.of(
                List.of(10L, 1L, 5.0, 2L),
                List.of(11L, 2L, 25.0, 1L),
                List.of(13L, 3L, 26.0, 3L)), rows);
    }

    @Test
    void insertUpdateDeleteAreUpdates() {
        Translation insert = db.translate("INSERT INTO orders (id, customer_id, amount) VALUES ($1, $2, $3)", 15L, 2L, 2.5);
        assertEquals(Translation.Kind.UPDATE, insert.kind());
        assertNull(insert.table());
        assertEquals(1L, db.update("INSERT INTO orders (id, customer_id, amount) VALUES ($1, $2, $3)", 15L, 2L, 2.5));
        assertEquals(2L, db.update("UPDATE orders SET amount = amount * 2 WHERE customer_id = $1", 2L));
        assertEquals(20.0, db.value("SELECT SUM(amount) FROM orders WHERE customer_id = 2"));
        assertEquals(3L, db.update("DELETE FROM orders WHERE customer_id = 1"));
        assertEquals(3L, db.value("SELECT COUNT(*) FROM orders"));
    }

    @Test
    void returningMakesChangesQueries() {
        assertEquals(List.of(List.of(16L)),
                db.query("INSERT INTO orders (id, customer_id, amount) VALUES (16, 3, 1.0) RETURNING id"));
        assertEquals(List.of(List.of(12L, 15.0)),
                db.query("UPDATE orders SET amount = amount * 2 WHERE id = 12 RETURNING id, amount"));
        assertEquals(Set.of(List.of(14L), List.of(16L)),
                Set.copyOf(db.query("DELETE FROM orders WHERE customer_id = 3 RETURNING id")));
    }

    @Test
    void doubleColonCasts() {
        List<List<Object>> rows = db.query("SELECT '42'::int + 1, '2.5'::float8 * 2, 7::text || 'x', '12'::int8");
        assertEquals(List.of(List.of(43, 5.0, "7x", 12L)), rows);
    }

    @Test
    void ilikeIsCaseInsensitive() {
        List<List<Object>> rows = db.query("SELECT name FROM customers WHERE name ILIKE $1 ORDER BY id", "B%");
        assertEquals(List.of(List.of("bob")), rows);
    }

    @Test
    void limitAndOffset() {
        List<List<Object>> rows = db.query("SELECT id FROM orders ORDER BY id LIMIT 2 OFFSET 1");
        assertEquals(List.of(List.of(11L), List.of(12L)), rows);
    }

    @Test
    void valuesStatement() {
        List<List<Object>> rows = db.query("VALUES (1, 'a'), (2, 'b')");
        assertEquals(List.of(List.of(1, "a"), List.of(2, "b")), rows);
    }

    @Test
    void explainReturnsThePlan() {
        List<List<Object>> rows = db.query("EXPLAIN SELECT * FROM orders WHERE amount > 1");
        String plan = rows.toString();
        assertTrue(plan.contains("orders") || plan.toUpperCase().contains("SCAN"), plan);
    }

    @Test
    void subqueriesCaseAndCoalesce() {
        List<List<Object>> rows = db.query("SELECT name, CASE WHEN id IN (SELECT customer_id FROM orders"
                + " WHERE amount > 10) THEN 'big' ELSE COALESCE(NULL, 'small') END FROM customers ORDER BY id");
        assertEquals(List.of(List.of("Alice", "big"), List.of("bob", "small"), List.of("Carol", "big")), rows);
    }

    @Test
    void parametersStayNumbered() {
        Translation translation = db.translate("SELECT name FROM customers WHERE id = $2 OR name = $1", "bob", 1L);
        assertTrue(translation.sql().contains("$2") && translation.sql().contains("$1"), translation.sql());
        List<List<Object>> rows = db.query("SELECT name FROM customers WHERE id = $2 OR name = $1 ORDER BY id", "bob", 1L);
        assertEquals(List.of(List.of("Alice"), List.of("bob")), rows);
    }

    @Test
    void informationSchemaCanBeRead() {
        List<List<Object>> rows = db.query("SELECT column_name FROM information_schema.columns"
                + " WHERE table_name = 'customers' ORDER BY ordinal_position");
        assertEquals(List.of(List.of("id"), List.of("name"), List.of("_id")), rows);
    }

    @Test
    void oneTranslatorServesManyThreads() {
        SqlTranslator shared = new SqlTranslator();
        List<String> translated = IntStream.range(0, 64).parallel()
                .mapToObj(i -> shared.translate("SELECT id, emb <#> $1 FROM docs WHERE id > " + (i % 4),
                        List.of((Object) new float[i % 4 + 1])).sql())
                .toList();
        for (int i = 0; i < translated.size(); i++) {
            assertEquals("SELECT id, array_cosine_similarity(CAST(emb AS FLOAT[" + (i % 4 + 1) + "]), CAST($1 AS FLOAT["
                    + (i % 4 + 1) + "])) FROM docs WHERE id > " + (i % 4), translated.get(i));
        }
    }

    @Test
    void allowedTableFunctions() {
        assertEquals(List.of(List.of(6L)), db.query("SELECT SUM(x)::INT64 FROM generate_series(1, 3) AS g(x)"));
        assertEquals(List.of(List.of(3L)), db.query("SELECT COUNT(*) FROM range(3)"));
        assertEquals(List.of(List.of(2L)), db.query("SELECT COUNT(*) FROM unnest([1, 2]) AS u(v)"));
    }
}
