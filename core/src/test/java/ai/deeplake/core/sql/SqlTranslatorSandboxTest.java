package ai.deeplake.core.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.TableError;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What user SQL may not do: reach files, settings, extensions or anything but the workspace's tables. */
class SqlTranslatorSandboxTest {
    private DuckDbSession db;

    @BeforeEach
    void createTable() {
        db = new DuckDbSession();
        db.update("CREATE TABLE docs (id INT64, text TEXT)");
        db.update("INSERT INTO docs (id, text) VALUES (1, 'a')");
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    private String refusal(String sql) {
        return assertThrows(TableError.class, () -> db.translate(sql), sql).getMessage();
    }

    private void assertRefused(String sql, String named) {
        String message = refusal(sql);
        assertTrue(message.contains(named), "message for " + sql + " should name " + named + ": " + message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ATTACH 'other.db' AS other | ATTACH statements are not allowed",
        "DETACH other | DETACH statements are not allowed",
        "COPY docs TO 'out.csv' | COPY statements are not allowed",
        "COPY docs FROM 'in.csv' | COPY statements are not allowed",
        "INSTALL httpfs | INSTALL statements are not allowed",
        "LOAD httpfs | LOAD statements are not allowed",
        "FORCE INSTALL httpfs | FORCE statements are not allowed",
        "PRAGMA database_list | PRAGMA statements are not allowed",
        "SET threads = 1 | SET statements are not allowed",
        "SET enable_external_access = true | SET statements are not allowed",
        "RESET threads | RESET statements are not allowed",
        "EXPORT DATABASE 'dump' | EXPORT statements are not allowed",
        "IMPORT DATABASE 'dump' | IMPORT statements are not allowed",
        "CALL pragma_version() | CALL statements are not allowed",
        "CHECKPOINT | CHECKPOINT statements are not allowed",
        "USE other | USE statements are not allowed",
        "BEGIN TRANSACTION | BEGIN statements are not allowed",
        "TRUNCATE docs | TRUNCATE statements are not allowed",
        "CREATE VIEW v AS SELECT 1 | CREATE VIEW statements are not allowed",
        "CREATE OR REPLACE MACRO m(x) AS x | CREATE MACRO statements are not allowed",
        "CREATE SECRET s (TYPE s3, KEY_ID 'k') | CREATE SECRET statements are not allowed",
        "CREATE SCHEMA other | CREATE SCHEMA statements are not allowed",
        "DROP VIEW v | DROP VIEW statements are not allowed",
        "ALTER VIEW v RENAME TO w | ALTER VIEW statements are not allowed",
    })
    void refusedStatements(String sql, String message) {
        assertRefused(sql, message);
    }

    @Test
    void leadingCommentsAndCaseDoNotHideAStatement() {
        assertRefused("-- setup\n/* really */ attach 'other.db'", "ATTACH statements are not allowed");
    }

    @Test
    void stackedStatementsAreRefused() {
        assertRefused("SELECT 1; SELECT 2", "Only one SQL statement");
        assertRefused("SELECT * FROM docs; DROP TABLE docs", "Only one SQL statement");
        // The second statement does not even parse for JSqlParser.
        assertRefused("SELECT 1; ATTACH 'other.db'", "Only one SQL statement");
        assertEquals(List.of(List.of(1)), db.query("SELECT 1;"), "a trailing ; is one statement");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "SELECT * FROM read_csv('data.csv') | read_csv",
        "SELECT * FROM read_csv_auto('data.csv') | read_csv_auto",
        "SELECT * FROM read_parquet('data.parquet') | read_parquet",
        "SELECT * FROM read_json('data.json') | read_json",
        "SELECT * FROM read_text('/etc/passwd') | read_text",
        "SELECT * FROM glob('/etc/*') | glob",
        "SELECT * FROM sniff_csv('data.csv') | sniff_csv",
        "SELECT * FROM query('SELECT 1') | query",
        "SELECT * FROM duckdb_settings() | duckdb_settings",
        "SELECT * FROM docs, LATERAL parquet_metadata('x.parquet') | parquet_metadata",
    })
    void refusedTableFunctions(String sql, String function) {
        assertRefused(sql, function + "()");
    }

    @Test
    void fileScansAreRefused() {
        assertRefused("SELECT * FROM 'data.csv'", "Reading files");
        assertRefused("SELECT * FROM '/etc/passwd'", "Reading files");
        assertRefused("SELECT * FROM \"data.parquet\"", "not allowed");
        assertRefused("SELECT * FROM \"/tmp/x\"", "not allowed");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "SELECT read_text('/etc/passwd') | read_text",
        "SELECT read_blob('/etc/passwd') | read_blob",
        "SELECT getenv('HOME') | getenv",
        "SELECT current_setting('temp_directory') | current_setting",
        "SELECT duckdb_databases() | duckdb_databases",
        "SELECT pragma_version() | pragma_version",
        "SELECT id FROM docs WHERE text = current_setting('home_directory') | current_setting",
        "SELECT (SELECT getenv('HOME')) | getenv",
        "WITH x AS (SELECT getenv('HOME') AS h) SELECT h FROM x | getenv",
        "SELECT ROW_NUMBER() OVER (PARTITION BY getenv('HOME')) FROM docs | getenv",
        "SELECT id IS DISTINCT FROM getenv('HOME') FROM docs | getenv",
        "SELECT * FROM unnest([read_text('/etc/passwd')]) | read_text",
        "SELECT * FROM generate_series(1, length(getenv('HOME'))) | getenv",
        "INSERT INTO docs (id, text) VALUES (2, getenv('HOME')) | getenv",
        "UPDATE docs SET text = current_setting('threads') | current_setting",
        "DELETE FROM docs WHERE text = getenv('HOME') RETURNING id | getenv",
        "CREATE TABLE t (a TEXT DEFAULT getenv('HOME')) | getenv",
        "CREATE TABLE t (a TEXT, CHECK (a <> getenv('HOME'))) | getenv",
        "ALTER TABLE docs ADD COLUMN home TEXT DEFAULT getenv('HOME') | getenv",
        "EXPLAIN SELECT read_text('/etc/passwd') | read_text",
    })
    void refusedFunctionsAnywhere(String sql, String function) {
        assertRefused(sql, function + "()");
    }

    @Test
    void refusedFunctionsWouldOtherwiseRun() {
        // The translator is the first wall: DuckDB itself answers these.
        assertFalse(db.rows("SELECT current_setting('threads')").isEmpty());
        assertFalse(db.rows("SELECT * FROM duckdb_settings()").isEmpty());
        assertRefused("SELECT current_setting('threads')", "current_setting()");
    }

    @Test
    void otherDatabasesAndSchemasAreRefused() {
        assertRefused("SELECT * FROM other.main.docs", "another database");
        assertRefused("SELECT * FROM system.main.duckdb_settings", "another database");
        assertRefused("SELECT * FROM temp.docs", "schema main");
        assertRefused("SELECT * FROM pg_catalog.pg_class", "schema main");
        assertRefused("SELECT other.main.docs.id FROM docs", "another database");
        assertRefused("SELECT other.lower('A')", "other.lower()");
    }

    @Test
    void systemViewsAreRefused() {
        assertRefused("SELECT * FROM duckdb_tables", "System table duckdb_tables");
        assertRefused("SELECT * FROM duckdb_databases", "System table duckdb_databases");
        assertRefused("SELECT * FROM pg_settings", "System table pg_settings");
        assertRefused("SELECT * FROM sqlite_master", "System table sqlite_master");
    }

    @Test
    void theDefaultSchemaIsTheWorkspace() {
        assertEquals(List.of(List.of(1L)), db.query("SELECT id FROM main.docs"));
        assertEquals(1L, db.update("INSERT INTO main.docs (id, text) VALUES (2, 'b')"));
    }

    @Test
    void informationSchemaIsReadOnly() {
        assertFalse(db.query("SELECT table_name FROM information_schema.tables").isEmpty());
        assertRefused("INSERT INTO information_schema.tables (table_name) VALUES ('x')", "read-only");
        assertRefused("DELETE FROM information_schema.columns", "read-only");
        assertRefused("DROP TABLE information_schema.tables", "read-only");
        assertRefused("CREATE TABLE information_schema.mine (a INT)", "read-only");
    }
}
