package ai.deeplake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.IngestError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FILE ingest through the text plugin, loaded as the built pf4j jar from a plugins folder. */
public abstract class FileIngestSuite {
    /** @return how this run reaches a workspace: embedded or through a server */
    protected abstract ClientMode mode();

    private static final IngestOptions FILES = IngestOptions.builder().schema(Map.of("path", "FILE")).build();

    @TempDir
    Path tmp;
    Path plugins;
    Client client;

    @BeforeEach
    void open() throws IOException {
        plugins = Files.createDirectories(tmp.resolve("plugins"));
        for (String plugin : List.of("text", "image", "binary")) {
            String jar = "deeplake-plugin-" + plugin + ".jar";
            Files.copy(Path.of(System.getProperty("deeplake.test.plugins"), jar), plugins.resolve(jar));
        }
        client = mode().connect(tmp.resolve("root"), plugins);
    }

    @AfterEach
    void close() {
        client.close();
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text, StandardCharsets.UTF_8);
    }

    private long count(String table) {
        return client.query("SELECT COUNT(*) AS n FROM " + table).get(0).getLong("n");
    }

    @Test
    void textFilesBecomeOverlappingChunksWithIds() throws IOException {
        Path a = write("a.txt", "abcdefghij");
        Path b = write("B.MD", "klmno");
        List<long[]> progress = new ArrayList<>();
        IngestResult r = client.ingest("docs", Map.of("path", List.of(a.toString(), b.toString())),
                IngestOptions.builder().schema(Map.of("path", "FILE")).chunkSize(4).chunkOverlap(1)
                        .onProgress((w, t) -> progress.add(new long[] {w, t})).build());
        assertEquals(5, r.rowCount());
        assertEquals(1, progress.size());
        assertEquals(5, progress.get(0)[0]);
        assertEquals(-1, progress.get(0)[1]);

        List<Row> rows = client.query("SELECT * FROM docs ORDER BY _id");
        assertEquals(List.of("id", "file_id", "chunk_index", "text", "_id"), List.copyOf(rows.get(0).keySet()));
        assertEquals(List.of("abcd", "defg", "ghij", "klmn", "no"), rows.stream().map(x -> x.getString("text")).toList());
        assertEquals(List.of(0L, 1L, 2L, 0L, 1L), rows.stream().map(x -> x.getLong("chunk_index")).toList());
        Set<String> ids = new HashSet<>();
        rows.forEach(x -> ids.add(x.getString("id")));
        assertEquals(5, ids.size(), "a fresh id per row");
        assertEquals(rows.get(0).getString("file_id"), rows.get(2).getString("file_id"));
        assertFalse(rows.get(0).getString("file_id").equals(rows.get(3).getString("file_id")));
    }

    @Test
    void manyFilesKeepTheirOrderAcrossWorkers() throws IOException {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // Uneven sizes so that workers finish out of order.
            paths.add(write("f" + i + ".txt", ("file-" + i + " ").repeat(1 + (i * 37) % 300)).toString());
        }
        client.ingest("many", Map.of("path", paths), IngestOptions.builder().schema(Map.of("path", "FILE")).workers(4).build());
        List<Row> rows = client.query("SELECT text, chunk_index FROM many ORDER BY _id");
        int file = 0;
        long expectChunk = 0;
        for (Row row : rows) {
            if (!row.getString("text").contains("file-" + file + " ")) {
                file++;
                expectChunk = 0;
            }
            assertTrue(row.getString("text").contains("file-" + file + " "), "rows of file " + file + " out of order");
            assertEquals(expectChunk++, row.getLong("chunk_index"));
        }
        assertEquals(39, file);
    }

    /** @return a WebP made by ffmpeg (TwelveMonkeys reads WebP but cannot write it) */
    private Path webp(String name, int w, int h) throws IOException, InterruptedException {
        Path out = tmp.resolve(name);
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "color=c=red:s=" + w + "x" + h, "-frames:v", "1",
                "-y", out.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), log);
        return out;
    }

    @Test
    void aMixedFolderBecomesOneTableWithThumbnailsOfItsImages() throws Exception {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(300, 150, java.awt.image.BufferedImage.TYPE_INT_RGB);
        Path png = tmp.resolve("photo.PNG");
        javax.imageio.ImageIO.write(image, "png", png.toFile());
        Path webp = webp("red.webp", 64, 32);
        Path txt = write("notes.txt", "hello deeplake");
        Path other = Files.write(tmp.resolve("scan.dcm"), new byte[] {1, 2, 3});
        IngestResult r = client.ingest("mixed", Map.of("path", List.of(txt.toString(), png.toString(), webp.toString(), other.toString())), FILES);
        assertEquals(4, r.rowCount());

        List<Row> rows = client.query("SELECT * FROM mixed ORDER BY _id");
        assertEquals(List.of("id", "file_id", "chunk_index", "text", "image", "filename", "data", "_id"), List.copyOf(rows.get(0).keySet()));
        assertEquals("hello deeplake", rows.get(0).getString("text"));
        assertArrayEquals(Files.readAllBytes(png), rows.get(1).getBytes("image"), "image bytes round-trip exactly");
        assertEquals("photo.PNG", rows.get(1).getString("filename"));
        assertArrayEquals(Files.readAllBytes(webp), rows.get(2).getBytes("image"));
        assertArrayEquals(new byte[] {1, 2, 3}, rows.get(3).getBytes("data"));
        assertEquals("scan.dcm", rows.get(3).getString("filename"));

        for (int i : new int[] {1, 2}) {
            List<Row> thumbs = client.query("SELECT dimension, content FROM thumbnails WHERE file_id = $1 ORDER BY octet_length(content)",
                    rows.get(i).getString("_id"));
            assertEquals(List.of("32x32", "64x64", "128x128", "256x256"), thumbs.stream().map(t -> t.getString("dimension")).toList());
            java.awt.image.BufferedImage t = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(thumbs.get(0).getBytes("content")));
            assertEquals(32, t.getWidth());
            assertEquals(16, t.getHeight(), "aspect kept");
        }
    }

    @Test
    void removingOnePluginLeavesTheOthersWorking() throws IOException {
        Files.delete(plugins.resolve("deeplake-plugin-image.jar"));
        try (Client partial = mode().connect(tmp.resolve("root3"), plugins)) {
            Path png = tmp.resolve("a.png");
            javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(4, 4, 1), "png", png.toFile());
            assertEquals("no chunker for .png files — install the deeplake-plugin-image plugin",
                    assertThrows(IngestError.class, () -> partial.ingest("t", Map.of("path", List.of(png.toString())), FILES)).getMessage());
            Path txt = write("ok.txt", "still fine");
            assertEquals(1, partial.ingest("t", Map.of("path", List.of(txt.toString())), FILES).rowCount());
        }
    }

    @Test
    void missingPluginIsNamed() throws IOException {
        for (String plugin : List.of("text", "image", "binary")) {
            Files.delete(plugins.resolve("deeplake-plugin-" + plugin + ".jar"));
        }
        try (Client bare = mode().connect(tmp.resolve("root2"), plugins)) {
            Path txt = write("a.txt", "hello");
            IngestError e = assertThrows(IngestError.class, () -> bare.ingest("t", Map.of("path", List.of(txt.toString())), FILES));
            assertEquals("no chunker for .txt files — install the deeplake-plugin-text plugin", e.getMessage());
            Path pdf = write("a.pdf", "%PDF-");
            assertEquals("no chunker for .pdf files — install the deeplake-plugin-pdf plugin",
                    assertThrows(IngestError.class, () -> bare.ingest("t", Map.of("path", List.of(pdf.toString())), FILES)).getMessage());
            Path other = write("a.xyz", "?");
            assertEquals("no chunker for .xyz files — install the deeplake-plugin-binary plugin",
                    assertThrows(IngestError.class, () -> bare.ingest("t", Map.of("path", List.of(other.toString())), FILES)).getMessage());
            assertTrue(bare.listTables().isEmpty());
        }
    }

    @Test
    void corruptFileFailsTheWholeCallAndKeepsEarlierData() throws IOException {
        Path good = write("good.txt", "x".repeat(5000));
        client.ingest("docs", Map.of("path", List.of(good.toString())), FILES);
        long before = count("docs");

        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            paths.add(write("ok" + i + ".txt", "y".repeat(3_000_000)).toString());
        }
        Path bad = Files.write(tmp.resolve("bad.txt"), new byte[] {'o', 'k', (byte) 0xC3, 0x28});
        paths.add(bad.toString());
        IngestError e = assertThrows(IngestError.class, () -> client.ingest("docs", Map.of("path", paths), FILES));
        assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
        assertEquals(before, count("docs"), "rows committed by the failed call were removed");

        assertThrows(IngestError.class, () -> client.ingest("fresh", Map.of("path", List.of(bad.toString())), FILES));
        assertFalse(client.listTables().contains("fresh"), "a table created by a failed call is dropped");
    }
}
