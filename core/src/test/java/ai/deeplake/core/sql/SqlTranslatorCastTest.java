package ai.deeplake.core.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.deeplake.api.TableError;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Casts to vectors and to the Deeplake types, and {@code decode/encode}, run on DuckDB. */
class SqlTranslatorCastTest {
    private final DuckDbSession db = new DuckDbSession();

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    @Test
    void arrayCastToFloat4List() {
        List<Object> row = db.query("SELECT ARRAY[0.1, 0.2]::FLOAT4[], typeof(ARRAY[0.1, 0.2]::FLOAT4[])").get(0);
        assertEquals(List.of(0.1f, 0.2f), row.get(0));
        assertEquals("FLOAT[]", row.get(1));
    }

    @Test
    void nestedArrayCastToFloat4ListOfLists() {
        List<Object> row = db.query("SELECT ARRAY[[0.1, 0.2], [0.3, 0.4]]::FLOAT4[][],"
                + " typeof(ARRAY[[0.1, 0.2], [0.3, 0.4]]::FLOAT4[][])").get(0);
        assertEquals(List.of(List.of(0.1f, 0.2f), List.of(0.3f, 0.4f)), row.get(0));
        assertEquals("FLOAT[][]", row.get(1));
    }

    @Test
    void decodeHexToImageRoundTrips() {
        byte[] image = new byte[256];
        new Random(7).nextBytes(image);
        String hex = HexFormat.of().formatHex(image);
        db.update("CREATE TABLE images (id INT64, img IMAGE)");
        db.update("INSERT INTO images (id, img) VALUES ($1, decode($2, 'hex')::IMAGE)", 1L, hex);
        List<Object> row = db.query("SELECT img, encode(img, 'hex'), octet_length(img) FROM images WHERE id = 1").get(0);
        assertArrayEquals(image, (byte[]) row.get(0));
        assertEquals(hex, row.get(1));
        assertEquals(256L, row.get(2));
    }

    @Test
    void decodeBase64AndUppercaseHex() {
        List<Object> row = db.query("SELECT decode('aGk=', 'base64'), encode(decode('00FF', 'HEX'), 'base64')").get(0);
        assertArrayEquals(new byte[] {'h', 'i'}, (byte[]) row.get(0));
        assertEquals("AP8=", row.get(1));
    }

    @Test
    void decodeWithAnotherFormatIsRefused() {
        assertThrows(TableError.class, () -> db.translate("SELECT decode($1, 'escape')", "x"));
    }

    @Test
    void bytesParameterCastToImage() {
        byte[] bytes = {0, 1, 2, (byte) 255};
        assertArrayEquals(bytes, (byte[]) db.value("SELECT $1::IMAGE", (Object) bytes));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "IMAGE, BLOB", "VIDEO, BLOB", "BINARY, BLOB", "SEGMENT_MASK, BLOB", "BINARY_MASK, BLOB", "MESH, BLOB",
        "MEDICAL, BLOB", "bytea, BLOB", "EMBEDDING, FLOAT[]", "EMBEDDING(4), FLOAT[4]", "BOUNDING_BOX, FLOAT[]",
        "POINT, FLOAT[]", "POLYGON, FLOAT[]", "CLASS_LABEL, INTEGER", "INT32, INTEGER", "INT64, BIGINT",
        "FLOAT32, FLOAT", "FLOAT64, DOUBLE", "BOOL, BOOLEAN", "TEXT, VARCHAR", "JSON, JSON", "float4[], FLOAT[]",
        "FLOAT4[8], FLOAT[8]", "int4, INTEGER", "int8, BIGINT", "float8, DOUBLE", "jsonb, JSON"
    })
    void castToDeeplakeTypes(String type, String duckDbType) {
        assertEquals(duckDbType, db.value("SELECT typeof(NULL::" + type + ")"));
        assertEquals(duckDbType, db.value("SELECT typeof(CAST(NULL AS " + type + "))"));
    }

    @Test
    void castValuesConvert() {
        List<Object> row = db.query("SELECT '7'::CLASS_LABEL, '2.5'::FLOAT64, 'true'::BOOL,"
                + " '{\"a\": 1}'::JSON ->> 'a', ARRAY[1, 2]::EMBEDDING").get(0);
        assertEquals(List.of(7, 2.5, true, "1", List.of(1f, 2f)), row);
    }

    @Test
    void fileIsNotACastTarget() {
        assertThrows(TableError.class, () -> db.translate("SELECT 'x'::FILE"));
    }
}
