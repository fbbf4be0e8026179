package ai.deeplake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.Batch;
import ai.deeplake.api.ColumnType;
import ai.deeplake.api.Format;
import ai.deeplake.api.IngestError;
import ai.deeplake.api.Schema;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Thumbnails of a format's IMAGE columns (SPEC §7). */
public abstract class ThumbnailSuite extends ClientFixture {

    private static byte[] png(int w, int h, Color color) throws IOException {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, color.getRGB());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static Format images(byte[][] images, boolean fail) {
        return new Format() {
            @Override
            public void normalize(Consumer<Batch> out) throws IOException {
                String[] names = new String[images.length];
                for (int i = 0; i < names.length; i++) {
                    names[i] = "img" + i;
                }
                out.accept(Batch.builder().column("name", names).column("image", images).build());
                if (fail) {
                    throw new IOException("labels.json is missing");
                }
            }

            @Override
            public Optional<Schema> schema() {
                return Optional.of(Schema.builder().add("name", ColumnType.TEXT).add("image", ColumnType.IMAGE).build());
            }
        };
    }

    @Test
    void fourJpegSizesPerImageKeyedByRowIdAspectKept() throws IOException {
        byte[][] images = {png(400, 200, Color.RED), png(20, 10, Color.BLUE), "not an image".getBytes()};
        client.ingest("pics", IngestOptions.builder().format(images(images, false)).build());
        assertEquals(List.of("pics", "thumbnails"), client.listTables());

        String wideId = client.query("SELECT _id FROM pics WHERE name = 'img0'").get(0).getString("_id");
        List<Row> thumbs = client.query("SELECT dimension, content, column_name FROM thumbnails WHERE file_id = $1 ORDER BY octet_length(content)", wideId);
        assertEquals(List.of("32x32", "64x64", "128x128", "256x256"), thumbs.stream().map(r -> r.getString("dimension")).toList());
        int[][] expected = {{32, 16}, {64, 32}, {128, 64}, {256, 128}};
        for (int i = 0; i < 4; i++) {
            byte[] jpeg = thumbs.get(i).getBytes("content");
            assertEquals((byte) 0xFF, jpeg[0]);
            assertEquals((byte) 0xD8, jpeg[1]);
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(jpeg));
            assertNotNull(decoded);
            assertEquals(expected[i][0], decoded.getWidth());
            assertEquals(expected[i][1], decoded.getHeight());
            assertTrue(new Color(decoded.getRGB(3, 3)).getRed() > 200, "red survives JPEG");
            assertEquals("image", thumbs.get(i).getString("column_name"));
        }

        String smallId = client.query("SELECT _id FROM pics WHERE name = 'img1'").get(0).getString("_id");
        for (Row r : client.query("SELECT content FROM thumbnails WHERE file_id = $1", smallId)) {
            assertEquals(20, ImageIO.read(new ByteArrayInputStream(r.getBytes("content"))).getWidth(), "never enlarged");
        }
        String badId = client.query("SELECT _id FROM pics WHERE name = 'img2'").get(0).getString("_id");
        assertTrue(client.query("SELECT * FROM thumbnails WHERE file_id = $1", badId).isEmpty(),
                "an undecodable image gets no thumbnails and does not fail the ingest");
        assertEquals(3, client.query("SELECT COUNT(*) AS n FROM pics").get(0).getLong("n"));
    }

    @Test
    void aFailedIngestTakesItsThumbnailsWithIt() throws IOException {
        byte[][] images = {png(64, 64, Color.GREEN)};
        IngestError e = assertThrows(IngestError.class, () -> client.ingest("pics", IngestOptions.builder().format(images(images, true)).build()));
        assertTrue(e.getMessage().contains("labels.json is missing"), e.getMessage());
        assertFalse(client.listTables().contains("pics"));
        assertFalse(client.listTables().contains("thumbnails"), "the thumbnails table made by the failed call is dropped too");
    }
}
