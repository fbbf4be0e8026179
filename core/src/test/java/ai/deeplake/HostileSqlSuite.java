package ai.deeplake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.TableError;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile SQL through {@link Client#query}: statements that would reach files, the network,
 * extensions, settings or other databases, stacked statements, huge and deeply nested queries,
 * look-alike identifiers and parameter mismatches. Each ends, within a few seconds, in a
 * {@link TableError} whose message names what was refused, and the workspace's tables are as before.
 */
public abstract class HostileSqlSuite extends SharedClientFixture {
    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final int MB = 1 << 20;

    @BeforeAll
    void committedData() {
        client.ingest("docs", Map.of("id", List.of(1L, 2L, 3L), "text", List.of("a", "b", "c")));
    }

    private void assertIntact() {
        assertEquals(List.of("docs"), client.listTables());
        assertEquals(List.of("a", "b", "c"), client.query("SELECT text FROM docs ORDER BY id").stream().map(r -> r.getString("text")).toList());
    }

    private void assertRefused(String sql, String named, Object... params) {
        TableError e = assertTimeoutPreemptively(BOUND, () -> assertThrows(TableError.class, () -> client.query(sql, params)));
        assertTrue(e.getMessage().contains(named), "the message names " + named + ": " + e.getMessage());
        assertIntact();
    }

    private static Arguments refused(String sql, String named) {
        String name = sql.isBlank() ? "blank (" + sql.length() + " chars)"
                : sql.length() > 80 ? sql.substring(0, 60) + "... (" + sql.length() + " chars)" : sql;
        return Arguments.of(Named.of(name, sql), named);
    }

    static Stream<Arguments> hostile() {
        return Stream.of(
                refused("", "empty"),
                refused(" \n\t ", "empty"),
                refused("-- nothing but a comment", "SQL is empty"),
                refused("SELECT 1; DROP TABLE docs", "Only one SQL statement"),
                refused("SELECT * FROM docs; ATTACH '/tmp/other.db' AS other", "Only one SQL statement"),
                refused("DELETE FROM docs; SELECT 1", "Only one SQL statement"),
                refused("ATTACH '/tmp/other.db' AS other", "ATTACH statements are not allowed"),
                refused("attach ':memory:' as m", "ATTACH statements are not allowed"),
                refused("COPY docs TO '/tmp/docs.csv'", "COPY statements are not allowed"),
                refused("COPY (SELECT * FROM docs) TO '/tmp/docs.parquet' (FORMAT parquet)", "COPY statements are not allowed"),
                refused("SELECT * FROM read_text('/etc/passwd')", "read_text()"),
                refused("SELECT read_text('/etc/passwd')", "read_text()"),
                refused("SELECT content FROM read_blob('/etc/passwd')", "read_blob()"),
                refused("SELECT * FROM read_csv('/etc/passwd')", "read_csv()"),
                refused("SELECT * FROM read_csv_auto('/etc/hosts', header = false)", "read_csv_auto()"),
                refused("SELECT * FROM read_parquet('http://127.0.0.1:9/x.parquet')", "read_parquet()"),
                refused("SELECT * FROM read_json('https://example.com/x.json')", "read_json()"),
                refused("SELECT * FROM '/etc/passwd'", "Reading files"),
                refused("SELECT * FROM 'http://127.0.0.1:9/x.csv'", "Reading files"),
                refused("SELECT * FROM glob('/etc/*')", "glob()"),
                refused("INSTALL httpfs", "INSTALL statements are not allowed"),
                refused("FORCE INSTALL httpfs FROM 'http://127.0.0.1:9'", "FORCE statements are not allowed"),
                refused("LOAD httpfs", "LOAD statements are not allowed"),
                refused("LOAD '/tmp/evil.duckdb_extension'", "LOAD statements are not allowed"),
                refused("PRAGMA database_list", "PRAGMA statements are not allowed"),
                refused("PRAGMA enable_profiling", "PRAGMA statements are not allowed"),
                refused("SET enable_external_access = true", "SET statements are not allowed"),
                refused("SET memory_limit = '1TB'", "SET statements are not allowed"),
                refused("CALL pragma_version()", "CALL statements are not allowed"),
                refused("EXPORT DATABASE '/tmp/dump'", "EXPORT statements are not allowed"),
                refused("IMPORT DATABASE '/tmp/dump'", "IMPORT statements are not allowed"),
                refused("SELECT getenv('HOME')", "getenv()"),
                refused("SELECT current_setting('home_directory')", "current_setting()"),
                refused("SELECT * FROM duckdb_settings()", "duckdb_settings()"),
                refused("SELECT * FROM system.main.duckdb_tables", "another database"),
                refused("CREATE MACRO m(x) AS x", "CREATE MACRO statements are not allowed"),
                refused("CREATE SECRET s (TYPE s3, KEY_ID 'k', SECRET 'x')", "CREATE SECRET statements are not allowed"),
                refused("CHECKPOINT", "CHECKPOINT statements are not allowed"),
                refused("DETACH DATABASE ws", "DETACH statements are not allowed"),
                refused("SELECT * FROM ｄｏｃｓ", "ｄｏｃｓ"),
                refused("SELECT * FROM dоcs", "dоcs"),
                refused("SELECT * FROM \"docs\u200b\"", "docs\u200b"),
                refused("SELECT * FROM \"\u202edocs\"", "\u202edocs"),
                refused("SELECT tеxt FROM docs", "tеxt"),
                refused("SELECT * FROM docs WHERE " + "x".repeat(MB) + " = 1", "x".repeat(100)),
                refused("SELECT " + "(".repeat(10_000) + "1" + ")".repeat(10_000), "too deeply nested"),
                refused("SELECT " + "abs(".repeat(10_000) + "1" + ")".repeat(10_000), "too deeply nested"),
                refused("SELECT * FROM " + "(SELECT * FROM ".repeat(5_000) + "docs" + ") AS t".repeat(5_000), "too deeply nested"),
                refused("SELECT " + "NOT ".repeat(10_000) + "true", "too deeply nested"),
                refused("SELECT " + "1 + ".repeat(20_000) + "1", "too deeply nested or too long"),
                refused(")".repeat(MB), "line 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void hostileStatementIsRefused(String sql, String named) {
        assertRefused(sql, named);
    }

    @Test
    void parameterMismatchesAreNamed() {
        assertRefused("SELECT * FROM docs WHERE id = $1", "$1");
        assertRefused("SELECT * FROM docs WHERE id = $2", "$2", 1L);
        assertRefused("SELECT * FROM docs WHERE id = $1 AND text = $3", "$3", 1L, "a");
        assertRefused("SELECT * FROM docs WHERE id = $0", "$0", 1L);
    }

    @Test
    void aParameterIsAValueNeverSql() {
        assertEquals(List.of(), client.query("SELECT id FROM docs WHERE text = $1", "a'; DROP TABLE docs; --"));
        assertIntact();
    }

    @Test
    void aOneMegabyteQueryRuns() {
        String big = "y".repeat(MB);
        assertEquals(MB, assertTimeoutPreemptively(BOUND, () -> client.query("SELECT '" + big + "' AS s")).get(0).getString("s").length());
    }
}
