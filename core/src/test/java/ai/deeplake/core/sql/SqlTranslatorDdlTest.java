package ai.deeplake.core.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.ColumnType;
import ai.deeplake.api.TableError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** CREATE/DROP/ALTER TABLE and CREATE/DROP INDEX, translated and run on DuckDB. */
class SqlTranslatorDdlTest {
    private final DuckDbSession db = new DuckDbSession();

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    @Test
    void createTableMapsDeeplakeTypesToDuckDb() {
        Translation translation = db.translate("CREATE TABLE media (id INT64, title TEXT, img IMAGE, clip VIDEO,"
                + " raw BINARY, mask SEGMENT_MASK, bmask BINARY_MASK, mesh MESH, scan MEDICAL, data BYTEA,"
                + " emb EMBEDDING(3), emb_any EMBEDDING, f4 FLOAT4[3], box BOUNDING_BOX, pt POINT, poly POLYGON,"
                + " label CLASS_LABEL, n32 INT32, score FLOAT32, weight FLOAT64, ok BOOL, meta JSON,"
                + " multi EMBEDDING(2)[], created TIMESTAMP)");
        assertEquals(Translation.Kind.CREATE_TABLE, translation.kind());
        assertEquals("media", translation.table());
        db.update("CREATE TABLE media (id INT64, title TEXT, img IMAGE, clip VIDEO,"
                + " raw BINARY, mask SEGMENT_MASK, bmask BINARY_MASK, mesh MESH, scan MEDICAL, data BYTEA,"
                + " emb EMBEDDING(3), emb_any EMBEDDING, f4 FLOAT4[3], box BOUNDING_BOX, pt POINT, poly POLYGON,"
                + " label CLASS_LABEL, n32 INT32, score FLOAT32, weight FLOAT64, ok BOOL, meta JSON,"
                + " multi EMBEDDING(2)[], created TIMESTAMP)");

        Map<String, Object> duckDbTypes = new LinkedHashMap<>();
        for (List<Object> row : db.rows("SELECT column_name, data_type FROM information_schema.columns"
                + " WHERE table_name = 'media' ORDER BY ordinal_position")) {
            duckDbTypes.put((String) row.get(0), row.get(1));
        }
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("id", "BIGINT");
        expected.put("title", "VARCHAR");
        for (String blob : List.of("img", "clip", "raw", "mask", "bmask", "mesh", "scan", "data")) {
            expected.put(blob, "BLOB");
        }
        expected.put("emb", "FLOAT[3]");
        expected.put("emb_any", "FLOAT[]");
        expected.put("f4", "FLOAT[3]");
        expected.put("box", "FLOAT[]");
        expected.put("pt", "FLOAT[]");
        expected.put("poly", "FLOAT[]");
        expected.put("label", "INTEGER");
        expected.put("n32", "INTEGER");
        expected.put("score", "FLOAT");
        expected.put("weight", "DOUBLE");
        expected.put("ok", "BOOLEAN");
        expected.put("meta", "JSON");
        expected.put("multi", "FLOAT[2][]");
        expected.put("created", "TIMESTAMP");
        expected.put("_id", "VARCHAR");
        assertEquals(expected, duckDbTypes);

        Map<String, ColumnType> domain = translation.domainTypes();
        assertEquals(List.of("id", "title", "img", "clip", "raw", "mask", "bmask", "mesh", "scan", "data", "emb",
                "emb_any", "f4", "box", "pt", "poly", "label", "n32", "score", "weight", "ok", "meta"),
                List.copyOf(domain.keySet()), "columns with a Deeplake type, in order; not multi, created, _id");
        assertEquals(ColumnType.INT64, domain.get("id"));
        assertEquals(ColumnType.TEXT, domain.get("title"));
        assertEquals(ColumnType.IMAGE, domain.get("img"));
        assertEquals(ColumnType.VIDEO, domain.get("clip"));
        assertEquals(ColumnType.BINARY, domain.get("data"));
        assertEquals(ColumnType.EMBEDDING, domain.get("emb"));
        assertEquals(ColumnType.EMBEDDING, domain.get("f4"));
        assertEquals(ColumnType.BOUNDING_BOX, domain.get("box"));
        assertEquals(ColumnType.CLASS_LABEL, domain.get("label"));
        assertEquals(ColumnType.FLOAT64, domain.get("weight"));
        assertEquals(ColumnType.JSON, domain.get("meta"));
    }

    @Test
    void createTableAddsAStableUuidIdColumn() {
        db.update("CREATE TABLE docs (text TEXT)");
        db.update("INSERT INTO docs (text) VALUES ('a'), ('b'), ('c')");
        List<List<Object>> rows = db.query("SELECT _id FROM docs");
        Set<Object> ids = rows.stream().map(row -> row.get(0)).collect(Collectors.toSet());
        assertEquals(3, ids.size(), "distinct ids");
        ids.forEach(id -> assertNotNull(UUID.fromString((String) id)));
        assertEquals(rows, db.query("SELECT _id FROM docs"), "ids do not change between reads");
    }

    @Test
    void createTableKeepsADeclaredId() {
        Translation translation = db.translate("CREATE TABLE docs (_id TEXT PRIMARY KEY, text TEXT)");
        assertEquals(1, translation.sql().split("_id", -1).length - 1, translation.sql());
        db.update("CREATE TABLE docs (_id TEXT PRIMARY KEY, text TEXT)");
        db.update("INSERT INTO docs VALUES ('doc-1', 'hello')");
        assertEquals("doc-1", db.value("SELECT _id FROM docs"));
    }

    @Test
    void createTableUsingDeeplakeIsAccepted() {
        Translation translation = db.translate("CREATE TABLE IF NOT EXISTS docs (text TEXT) USING deeplake");
        assertFalse(translation.sql().toUpperCase().contains("USING"), translation.sql());
        db.update("CREATE TABLE IF NOT EXISTS docs (text TEXT) USING deeplake");
        db.update("INSERT INTO docs (text) VALUES ('x')");
        assertEquals(1L, db.value("SELECT COUNT(*) FROM docs"));
    }

    @Test
    void createTableAsSelectIsRefused() {
        TableError error = assertThrows(TableError.class, () -> db.translate("CREATE TABLE copy AS SELECT 1 AS x"));
        assertTrue(error.getMessage().contains("AS SELECT"), error.getMessage());
    }

    @Test
    void fileIsNotAColumnType() {
        for (String sql : List.of("CREATE TABLE docs (path FILE)", "create table docs (id INT64, path file, text TEXT)",
                "ALTER TABLE docs ADD COLUMN path FILE")) {
            TableError error = assertThrows(TableError.class, () -> db.translate(sql));
            assertTrue(error.getMessage().startsWith("FILE is an ingestion directive, not a column type"), error.getMessage());
        }
    }

    @Test
    void dropTable() {
        db.update("CREATE TABLE docs (text TEXT)");
        Translation translation = db.translate("DROP TABLE docs");
        assertEquals(Translation.Kind.DROP_TABLE, translation.kind());
        assertEquals("docs", translation.table());
        db.update("DROP TABLE docs");
        assertEquals(List.of(), db.query("SELECT table_name FROM information_schema.tables WHERE table_name = 'docs'"));
    }

    @Test
    void dropTableIfExistsOnAMissingTable() {
        Translation translation = db.translate("DROP TABLE IF EXISTS missing");
        assertEquals(Translation.Kind.DROP_TABLE, translation.kind());
        db.update("DROP TABLE IF EXISTS missing");
        assertEquals(List.of(), db.query("SELECT table_name FROM information_schema.tables"));
    }

    @Test
    void alterTableAddColumnWithADeeplakeType() {
        db.update("CREATE TABLE docs (text TEXT)");
        Translation translation = db.translate("ALTER TABLE docs ADD COLUMN thumb IMAGE");
        assertEquals(Translation.Kind.ALTER_TABLE, translation.kind());
        assertEquals("docs", translation.table());
        assertEquals(Map.of("thumb", ColumnType.IMAGE), translation.domainTypes());
        db.update("ALTER TABLE docs ADD COLUMN thumb IMAGE");
        db.update("ALTER TABLE docs ADD COLUMN emb EMBEDDING(2)");
        assertEquals(List.of(List.of("thumb", "BLOB"), List.of("emb", "FLOAT[2]")),
                db.rows("SELECT column_name, data_type FROM information_schema.columns"
                        + " WHERE table_name = 'docs' AND column_name IN ('thumb', 'emb') ORDER BY ordinal_position"));
    }

    @Test
    void alterTableDropColumn() {
        db.update("CREATE TABLE docs (text TEXT, extra INT32)");
        db.update("ALTER TABLE docs DROP COLUMN extra");
        assertEquals(List.of(List.of("text"), List.of("_id")), db.query("SELECT column_name FROM"
                + " information_schema.columns WHERE table_name = 'docs' ORDER BY ordinal_position"));
    }

    @Test
    void alterTableRenameColumnIsVisibleAfter() {
        db.update("CREATE TABLE docs (body TEXT)");
        db.update("INSERT INTO docs (body) VALUES ('kept')");
        db.update("ALTER TABLE docs RENAME COLUMN body TO content");
        assertEquals("kept", db.value("SELECT content FROM docs"));
        // JSqlParser 5.4 takes TEXT for a keyword after TO; quoted, the name is accepted.
        db.update("ALTER TABLE docs RENAME COLUMN content TO \"text\"");
        assertEquals("kept", db.value("SELECT text FROM docs"));
    }

    @Test
    void theIdColumnCannotBeDroppedOrRenamed() {
        assertThrows(TableError.class, () -> db.translate("ALTER TABLE docs DROP COLUMN _id"));
        assertThrows(TableError.class, () -> db.translate("ALTER TABLE docs RENAME COLUMN _id TO id"));
    }

    @Test
    void createDeeplakeIndexIsForTheEngine() {
        Translation translation = db.translate("CREATE INDEX emb_idx ON docs USING deeplake_index (embedding)");
        assertEquals(Translation.Kind.CREATE_INDEX, translation.kind());
        assertNull(translation.sql());
        assertEquals("docs", translation.table());
        assertEquals(new IndexCommand("emb_idx", "docs", "embedding", false, false), translation.index());
    }

    @Test
    void createDeeplakeIndexIfNotExistsWithoutAName() {
        Translation translation = db.translate("CREATE INDEX IF NOT EXISTS ON docs USING deeplake_index (text)");
        assertEquals(new IndexCommand("docs_text_idx", "docs", "text", true, false), translation.index());
    }

    @Test
    void createDeeplakeIndexWithoutIfNotExists() {
        Translation translation = db.translate("CREATE INDEX ON docs USING DEEPLAKE_INDEX (text)");
        assertEquals(new IndexCommand("docs_text_idx", "docs", "text", false, false), translation.index());
    }

    @Test
    void deeplakeIndexOnSeveralColumnsIsRefused() {
        assertThrows(TableError.class, () -> db.translate("CREATE INDEX i ON docs USING deeplake_index (a, b)"));
    }

    @Test
    void dropIndex() {
        Translation translation = db.translate("DROP INDEX IF EXISTS emb_idx");
        assertEquals(Translation.Kind.DROP_INDEX, translation.kind());
        assertNull(translation.sql());
        assertEquals(new IndexCommand("emb_idx", null, null, false, true), translation.index());
        assertEquals(new IndexCommand("emb_idx", null, null, false, false), db.translate("DROP INDEX emb_idx").index());
    }

    @Test
    void plainIndexRunsOnDuckDb() {
        db.update("CREATE TABLE docs (text TEXT, n INT32)");
        Translation translation = db.translate("CREATE INDEX n_idx ON docs (n)");
        assertEquals(Translation.Kind.CREATE_INDEX, translation.kind());
        assertNull(translation.index());
        assertEquals("docs", translation.table());
        db.update("CREATE INDEX n_idx ON docs (n)");
        assertEquals(List.of(List.of("n_idx")), db.rows("SELECT index_name FROM duckdb_indexes()"));
    }
}
