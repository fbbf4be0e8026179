package ai.deeplake.formats.coco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ai.deeplake.Client;
import ai.deeplake.ClientMode;
import ai.deeplake.IngestOptions;
import ai.deeplake.Row;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingests the test splits of {@link CocoSplits} through a real embedded Client and reads them back with SQL. */
class CocoIngestTest {
    @TempDir
    Path dir;
    Client client;

    @BeforeEach
    void connect() throws IOException {
        client = ClientMode.EMBEDDED.connect(Files.createDirectory(dir.resolve("workspace")), Files.createDirectory(dir.resolve("no-plugins")));
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void instancesSplitBecomesOneRowPerImageWithMasksCaptionsAndThumbnails() throws IOException {
        Path images = CocoSplits.instances(dir);
        client.ingest("coco_val", IngestOptions.builder().format(Coco.builder(images).batchSize(2).build()).build());

        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("coco_image_id", List.of("BIGINT", "deeplake:INT64"));
        expected.put("image", List.of("BLOB", "deeplake:IMAGE"));
        expected.put("mask", List.of("BLOB", "deeplake:SEGMENT_MASK"));
        expected.put("width", List.of("INTEGER", "deeplake:INT32"));
        expected.put("height", List.of("INTEGER", "deeplake:INT32"));
        expected.put("filename", List.of("VARCHAR", "deeplake:TEXT"));
        expected.put("captions", List.of("JSON", "deeplake:JSON"));
        expected.put("annotations", List.of("JSON", "deeplake:JSON"));
        expected.put("categories", List.of("JSON", "deeplake:JSON"));
        expected.put("num_objects", List.of("INTEGER", "deeplake:INT32"));
        Map<String, List<String>> types = columnTypes("coco_val");
        assertEquals(expected, types);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(types.keySet()), "columns in the order of SPEC §7");

        List<Row> rows = client.query("SELECT * FROM coco_val ORDER BY coco_image_id");
        assertEquals(List.of(1L, 2L, 3L), rows.stream().map(r -> r.getLong("coco_image_id")).toList());
        assertEquals(List.of("000001.png", "000002.jpg", "000003.png"), rows.stream().map(r -> r.getString("filename")).toList());
        assertEquals(List.of(40, 20, 6), rows.stream().map(r -> r.getInt("width")).toList());
        assertEquals(List.of(30, 10, 4), rows.stream().map(r -> r.getInt("height")).toList());
        assertEquals(List.of(2L, 1L, 1L), rows.stream().map(r -> r.getLong("num_objects")).toList());
        for (Row row : rows) {
            assertArrayEquals(Files.readAllBytes(images.resolve(row.getString("filename"))), row.getBytes("image"));
            assertEquals(CocoSplits.JSON.readTree("[{\"id\":3,\"name\":\"box\",\"supercategory\":\"thing\"},"
                    + "{\"id\":5,\"name\":\"crowd\",\"supercategory\":\"thing\"},{\"id\":7,\"name\":\"square\",\"supercategory\":\"thing\"}]"),
                    json(row, "categories"));
        }
        assertEquals(List.of("[\"A red box.\",\"Two boxes.\"]", "[\"A green crowd.\"]", "[]"),
                rows.stream().map(r -> json(r, "captions").toString()).toList());
        assertEquals(CocoSplits.JSON.readTree("[{\"bbox\":[10.0,5.0,20.0,15.0],\"category_id\":3,\"area\":300.0,\"iscrowd\":0},"
                + "{\"bbox\":[25.0,15.0,10.0,10.0],\"category_id\":7,\"area\":100.0,\"iscrowd\":0}]"), json(rows.get(0), "annotations"));
        assertEquals(CocoSplits.JSON.readTree("[{\"bbox\":[2.0,3.0,2.0,4.0],\"category_id\":5,\"area\":8.0,\"iscrowd\":1}]"),
                json(rows.get(1), "annotations"));

        // Polygon rectangles: pixel centres inside fill, so x 10..29 and y 5..19 are 3, with the later
        // rectangle x 25..34, y 15..24 drawing 7 over it.
        Raster polygon = mask(rows.get(0), 40, 30);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                int want = x >= 25 && x < 35 && y >= 15 && y < 25 ? 7 : x >= 10 && x < 30 && y >= 5 && y < 20 ? 3 : 0;
                assertEquals(want, polygon.getSample(x, y, 0), "polygon mask at x " + x + ", y " + y);
            }
        }
        // Uncompressed RLE [23, 4, 6, 4, 163], column-major in a 10-high image: x 2 and 3, y 3..6.
        Raster rle = mask(rows.get(1), 20, 10);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 20; x++) {
                assertEquals((x == 2 || x == 3) && y >= 3 && y <= 6 ? 5 : 0, rle.getSample(x, y, 0), "RLE mask at x " + x + ", y " + y);
            }
        }
        // Compressed "5:3L" = [5, 10, 3, 6] in a 4-high image: pixels 5..14 and 18..23.
        Raster compressed = mask(rows.get(2), 6, 4);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 6; x++) {
                int pixel = x * 4 + y;
                assertEquals(pixel >= 5 && pixel < 15 || pixel >= 18 ? 3 : 0, compressed.getSample(x, y, 0),
                        "compressed RLE mask at x " + x + ", y " + y);
            }
        }

        for (Row row : rows) {
            List<Row> thumbs = client.query("SELECT column_name, dimension FROM thumbnails WHERE file_id = $1 ORDER BY octet_length(content)",
                    row.getString("_id"));
            assertEquals(List.of("32x32", "64x64", "128x128", "256x256"), thumbs.stream().map(t -> t.getString("dimension")).toList());
            assertEquals(List.of("image"), thumbs.stream().map(t -> t.getString("column_name")).distinct().toList());
        }
    }

    @Test
    void panopticSplitKeepsThePngMasksAndSegmentsInfo() throws IOException {
        Path images = CocoSplits.panoptic(dir);
        Path annotations = dir.resolve("panoptic/annotations");
        client.ingest("panoptic", IngestOptions.builder().format(new CocoPanoptic(images, annotations.resolve("panoptic_val2017"),
                annotations.resolve("panoptic_val2017.json"), 1)).build());

        Map<String, List<String>> types = columnTypes("panoptic");
        assertEquals(List.of("coco_image_id", "image", "mask", "width", "height", "filename", "mask_filename", "segments_info", "categories"),
                List.copyOf(types.keySet()));
        assertEquals(List.of("BLOB", "deeplake:SEGMENT_MASK"), types.get("mask"));
        assertEquals(List.of("BLOB", "deeplake:IMAGE"), types.get("image"));
        assertEquals(List.of("JSON", "deeplake:JSON"), types.get("segments_info"));
        assertEquals(List.of("VARCHAR", "deeplake:TEXT"), types.get("mask_filename"));

        List<Row> rows = client.query("SELECT * FROM panoptic ORDER BY coco_image_id");
        assertEquals(2, rows.size());
        long[][] segments = {{257, 1}, {2, 184}};
        for (int i = 0; i < 2; i++) {
            Row row = rows.get(i);
            assertEquals(i + 1, row.getLong("coco_image_id"));
            assertArrayEquals(Files.readAllBytes(images.resolve(row.getString("filename"))), row.getBytes("image"));
            assertArrayEquals(Files.readAllBytes(annotations.resolve("panoptic_val2017").resolve(row.getString("mask_filename"))),
                    row.getBytes("mask"));
            JsonNode info = json(row, "segments_info");
            assertEquals(1, info.size());
            assertEquals(segments[i][0], info.get(0).get("id").asLong());
            assertEquals(segments[i][1], info.get(0).get("category_id").asLong());
            assertEquals(2, json(row, "categories").size());
        }
        assertEquals(List.of(8, 5), rows.stream().map(r -> r.getInt("width")).toList());
        assertEquals(List.of(6, 5), rows.stream().map(r -> r.getInt("height")).toList());
        assertEquals(8, client.query("SELECT COUNT(*) AS n FROM thumbnails WHERE column_name = 'image'").get(0).getLong("n"));
        assertFalse(client.query("SELECT COUNT(*) AS n FROM thumbnails WHERE column_name = 'mask'").get(0).getLong("n") > 0);
    }

    /** @return each column's DuckDB type and the Deeplake type the engine records for it, in table order */
    private Map<String, List<String>> columnTypes(String table) {
        Map<String, List<String>> types = new LinkedHashMap<>();
        for (Row row : client.query("SELECT column_name, data_type, column_comment AS comment FROM information_schema.columns"
                + " WHERE table_name = $1 AND column_name <> '_id' ORDER BY ordinal_position", table)) {
            types.put(row.getString("column_name"), List.of(row.getString("data_type"), String.valueOf(row.getString("comment"))));
        }
        return types;
    }

    private static Raster mask(Row row, int width, int height) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(row.getBytes("mask")));
        assertNotNull(image, "mask is not a PNG");
        assertEquals(width, image.getWidth());
        assertEquals(height, image.getHeight());
        assertEquals(1, image.getRaster().getNumBands(), "one band: the category id");
        return image.getRaster();
    }

    private static JsonNode json(Row row, String column) {
        try {
            return CocoSplits.JSON.readTree(row.getString(column));
        } catch (IOException e) {
            throw new AssertionError(column + " is not JSON: " + row.getString(column), e);
        }
    }
}
