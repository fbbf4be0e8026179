package ai.deeplake.formats.huggingface;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;

/**
 * Writes small HuggingFace-style Parquet files with DuckDB, as the Hub's converter does: an Image
 * feature as a {@code STRUCT(bytes BLOB, path VARCHAR)}, a ClassLabel as an int64 column, a float
 * sequence as a list, and the features in the {@code huggingface} key-value metadata.
 */
final class TestParquet {
    static final List<String> LABELS = List.of("circle", "square", "triangle");

    /** A row of the "shapes" dataset. */
    record Shape(int width, int height, Color color, long label, float[] embedding, String caption) {
        byte[] png() {
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setColor(color);
            g.fillRect(0, 0, width, height);
            g.dispose();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                ImageIO.write(image, "png", out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }
    }

    private static final String SHAPES_FEATURES = """
            {"info": {"features": {
              "image": {"_type": "Image"},
              "label": {"names": ["circle", "square", "triangle"], "_type": "ClassLabel"},
              "embedding": {"feature": {"dtype": "float32", "_type": "Value"}, "length": 4, "_type": "Sequence"},
              "caption": {"dtype": "string", "_type": "Value"},
              "score": {"dtype": "float64", "_type": "Value"},
              "flag": {"dtype": "bool", "_type": "Value"}}}}""";

    private TestParquet() {}

    /** @return the bytes of a Parquet file of these shapes: image, label, embedding, caption, score (row number / 4), flag (row number even) */
    static byte[] shapes(Path scratch, List<Shape> shapes) {
        return write(scratch, SHAPES_FEATURES, c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE src (i INTEGER, png BLOB, label BIGINT, embedding FLOAT[], caption VARCHAR)");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO src VALUES (?, ?, ?, CAST(? AS FLOAT[]), ?)")) {
                for (int i = 0; i < shapes.size(); i++) {
                    Shape shape = shapes.get(i);
                    ps.setInt(1, i);
                    ps.setBytes(2, shape.png());
                    ps.setLong(3, shape.label());
                    ps.setString(4, vectorLiteral(shape.embedding()));
                    ps.setString(5, shape.caption());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return "SELECT {'bytes': png, 'path': 'shape' || i || '.png'} AS image, label, embedding, caption,"
                    + " i / 4.0 AS score, i % 2 = 0 AS flag FROM src ORDER BY i";
        });
    }

    /** @return a Parquet file whose float list column {@code vec} holds vectors of these lengths */
    static byte[] vectors(Path scratch, int... lengths) {
        String rows = Arrays.stream(lengths).mapToObj(n -> "(" + n + ")").collect(Collectors.joining(", "));
        return write(scratch, "{\"info\": {\"features\": {\"vec\": {\"feature\": {\"dtype\": \"float32\", \"_type\": \"Value\"}, \"_type\": \"Sequence\"}}}}",
                c -> "SELECT CAST(list_transform(range(n), lambda x: x * 0.5) AS FLOAT[]) AS vec FROM (VALUES " + rows + ") v(n)");
    }

    /** @return a Parquet file with an image struct and an int column but no {@code huggingface} metadata, as plain uploads have */
    static byte[] withoutFeatures(Path scratch, byte[] png) {
        return write(scratch, null, c -> {
            try (PreparedStatement ps = c.prepareStatement("CREATE TABLE src AS SELECT CAST(? AS BLOB) AS png")) {
                ps.setBytes(1, png);
                ps.execute();
            }
            return "SELECT {'bytes': png, 'path': 'a.png'} AS image, 7 AS label FROM src";
        });
    }

    static String vectorLiteral(float[] v) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            b.append(i == 0 ? "" : ", ").append(v[i]);
        }
        return b.append(']').toString();
    }

    /** Prepares the source rows and names the SELECT to copy. */
    private interface Source {
        String select(Connection c) throws SQLException;
    }

    /** @param featuresJson the {@code huggingface} metadata, or null for none */
    private static byte[] write(Path scratch, String featuresJson, Source source) {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            String select = source.select(c);
            Path file = Files.createTempFile(scratch, "data", ".parquet");
            try (Statement s = c.createStatement()) {
                s.execute("COPY (" + select + ") TO '" + file + "' (FORMAT parquet" + (featuresJson == null ? ""
                        : ", KV_METADATA {huggingface: '" + featuresJson.replace("'", "''") + "'}") + ")");
            }
            return Files.readAllBytes(file);
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB could not write the test Parquet file", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
