package ai.deeplake;

import static ai.deeplake.MalformedFiles.concat;
import static ai.deeplake.MalformedFiles.garbage;
import static ai.deeplake.MalformedFiles.head;
import static ai.deeplake.MalformedFiles.scrambledMiddle;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.IngestError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The malformed-file corpus, run through the real chunker plugins (the built text, image, PDF, video
 * and binary jars). Each case is a damaged or odd file and the one right outcome for it: an
 * {@link IngestError} naming the file and the cause, after which the table it was aimed at is exactly
 * as before (a good file was ingested into it first, and the bad file arrives between good ones), or a
 * successful ingest with the rows it should give. Each case is bounded in time.
 */
public abstract class MalformedFileSuite extends SharedClientFixture {
    private static final Duration BOUND = Duration.ofSeconds(15);
    private static final IngestOptions FILES = IngestOptions.builder().schema(Map.of("path", "FILE")).build();
    private static final AtomicInteger TABLES = new AtomicInteger();

    private Path goodText;

    /**
     * @param file the file name (its extension picks the chunker)
     * @param bytes makes the file's bytes in a scratch folder
     * @param error null for a file that ingests; else what the IngestError's message must contain besides the path
     * @param rows for a file that ingests, checks the rows it gave (ordered by {@code _id})
     */
    record Case(String file, Function<Path, byte[]> bytes, String error, BiConsumer<List<Row>, byte[]> rows) {
        static Case fails(String file, Function<Path, byte[]> bytes, String error) {
            return new Case(file, bytes, error, null);
        }

        static Case ingests(String file, Function<Path, byte[]> bytes, BiConsumer<List<Row>, byte[]> rows) {
            return new Case(file, bytes, null, rows);
        }
    }

    @Override
    protected Path[] pluginDirs() throws IOException {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        for (String plugin : List.of("text", "image", "binary", "pdf", "video")) {
            String jar = "deeplake-plugin-" + plugin + ".jar";
            Files.copy(Path.of(System.getProperty("deeplake.test.plugins"), jar), plugins.resolve(jar));
        }
        return new Path[] {plugins};
    }

    @BeforeAll
    void committedData() throws IOException {
        goodText = Files.writeString(tmp.resolve("good.txt"), "a good file", StandardCharsets.UTF_8);
        client.ingest("sentinel", Map.of("n", List.of(1L, 2L, 3L)));
    }

    @AfterAll
    void sentinelIntact() {
        assertEquals(List.of(1L, 2L, 3L), client.query("SELECT n FROM sentinel ORDER BY n").stream().map(r -> r.getLong("n")).toList(),
                "a table committed before the corpus ran is intact after it");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void malformedFile(Case c) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("case" + TABLES.incrementAndGet()));
        byte[] bytes = c.bytes().apply(dir);
        Path file = Files.write(dir.resolve(c.file()), bytes);
        String table = "t" + dir.getFileName();
        if (c.error() == null) {
            IngestResult result = assertTimeoutPreemptively(BOUND, () -> client.ingest(table, Map.of("path", List.of(file.toString())), FILES));
            List<Row> rows = client.query("SELECT * FROM " + table + " ORDER BY _id");
            assertEquals(result.rowCount(), rows.size());
            c.rows().accept(rows, bytes);
            return;
        }
        client.ingest(table, Map.of("path", List.of(goodText.toString())), FILES);
        List<Row> before = client.query("SELECT * FROM " + table + " ORDER BY _id");
        List<String> paths = List.of(goodText.toString(), file.toString(), goodText.toString());
        IngestError e = assertTimeoutPreemptively(BOUND,
                () -> assertThrows(IngestError.class, () -> client.ingest(table, Map.of("path", paths), FILES)));
        assertTrue(e.getMessage().contains(file.toString()), "the message names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(c.error()), "the message says '" + c.error() + "': " + e.getMessage());
        assertEquals(before, client.query("SELECT * FROM " + table + " ORDER BY _id"), "the table is unchanged");
    }

    private static Named<Case> named(String name, Case c) {
        return Named.of(name, c);
    }

    Stream<Named<Case>> corpus() {
        List<Named<Case>> cases = new ArrayList<>();
        images(cases);
        pdfs(cases);
        videos(cases);
        texts(cases);
        return cases.stream();
    }

    private static void images(List<Named<Case>> cases) {
        Map<String, Function<Path, byte[]>> valid = new java.util.LinkedHashMap<>();
        for (String format : List.of("png", "jpeg", "gif", "bmp")) {
            byte[] bytes = MalformedFiles.image(format);
            valid.put(format, dir -> bytes);
        }
        valid.put("webp", MalformedFiles::webp);
        valid.forEach((format, bytes) -> {
            String ext = format.equals("jpeg") ? "jpg" : format;
            String name = format.toUpperCase(java.util.Locale.ROOT);
            cases.add(named(format + ": truncated to half", Case.fails("half." + ext,
                    dir -> head(bytes.apply(dir), bytes.apply(dir).length / 2), "Not a valid " + name)));
            cases.add(named(format + ": header only (16 bytes)", Case.fails("header." + ext,
                    dir -> head(bytes.apply(dir), 16), "Not a valid " + name)));
            cases.add(named(format + ": empty file", Case.fails("empty." + ext, dir -> new byte[0], "is empty")));
            cases.add(named(format + ": random bytes", Case.fails("garbage." + ext, dir -> garbage(4096, 7), "Not an image")));
            cases.add(named(format + ": text with the extension", Case.fails("text." + ext,
                    dir -> "<html>not an image</html>".getBytes(StandardCharsets.UTF_8), "Not an image")));
            Function<Path, byte[]> scrambled = dir -> scrambledMiddle(bytes.apply(dir), 11);
            if (format.equals("bmp") || format.equals("webp")) {
                // Raw BMP pixels and lossy VP8 data carry no check: damaged pixels are still an image.
                cases.add(named(format + ": middle overwritten still decodes", Case.ingests("scrambled." + ext, scrambled,
                        (rows, file) -> assertArrayEquals(file, rows.get(0).getBytes("image")))));
            } else {
                cases.add(named(format + ": middle overwritten", Case.fails("scrambled." + ext, scrambled, "Not a valid " + name)));
            }
        });
    }

    private static void pdfs(List<Named<Case>> cases) {
        byte[] two = MalformedFiles.pdf(2, null, null);
        cases.add(named("pdf: encrypted with a user and an owner password", Case.fails("locked.pdf",
                dir -> MalformedFiles.pdf(1, "owner-secret", "user-secret"), "encrypted with a password")));
        cases.add(named("pdf: owner password only (opens without one)", Case.ingests("owner-only.pdf",
                dir -> MalformedFiles.pdf(1, "owner-secret", ""), (rows, file) -> {
                    assertEquals(1, rows.size());
                    assertEquals("page 1", rows.get(0).getString("text").strip());
                })));
        cases.add(named("pdf: zero pages", Case.fails("empty-doc.pdf", dir -> MalformedFiles.pdf(0, null, null), "has no pages")));
        cases.add(named("pdf: broken xref (repaired by PDFBox)", Case.ingests("xref.pdf", dir -> MalformedFiles.brokenXref(two), (rows, file) -> {
            assertEquals(2, rows.size());
            assertEquals("page 2", rows.get(1).getString("text").strip());
        })));
        cases.add(named("pdf: not a PDF", Case.fails("letter.pdf",
                dir -> "Dear reader, this is plain text.".getBytes(StandardCharsets.UTF_8), "not a PDF")));
        cases.add(named("pdf: truncated to half", Case.fails("half.pdf", dir -> head(two, two.length / 2), "damaged PDF that PDFBox cannot repair")));
        cases.add(named("pdf: header only", Case.fails("header.pdf", dir -> head(two, 9), "damaged PDF that PDFBox cannot repair")));
        cases.add(named("pdf: empty file", Case.fails("empty.pdf", dir -> new byte[0], "the file is empty")));
        cases.add(named("pdf: random bytes", Case.fails("garbage.pdf", dir -> garbage(4096, 13), "not a PDF")));
        cases.add(named("pdf: PDF header then random bytes", Case.fails("fake.pdf",
                dir -> concat("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), garbage(4096, 17)), "damaged PDF that PDFBox cannot repair")));
    }

    private static void videos(List<Named<Case>> cases) {
        String picture = "testsrc=s=64x48:r=10:d=2";
        cases.add(named("mp4: audio only (no video stream)", Case.fails("audio.mp4",
                dir -> MalformedFiles.media(dir, "a.mp4", "sine=d=2", "-c:a", "aac"), "has no video stream")));
        cases.add(named("mkv: audio only (no video stream)", Case.fails("audio.mkv",
                dir -> MalformedFiles.media(dir, "a.mkv", "sine=d=2", "-c:a", "flac"), "has no video stream")));
        cases.add(named("webm: audio only (no video stream)", Case.fails("audio.webm",
                dir -> MalformedFiles.media(dir, "a.webm", "sine=d=2", "-c:a", "libopus"), "has no video stream")));
        cases.add(named("mp4: truncated moov (moov at the end, cut off)", Case.fails("nomoov.mp4", dir -> {
            byte[] mp4 = MalformedFiles.media(dir, "v.mp4", picture, "-c:v", "mpeg4");
            return head(mp4, mp4.length * 3 / 4);
        }, "Not a readable video")));
        cases.add(named("mp4: media data cut short (moov first)", Case.fails("cut.mp4", dir -> {
            byte[] mp4 = MalformedFiles.media(dir, "v.mp4", picture, "-c:v", "mpeg4", "-movflags", "+faststart");
            return head(mp4, mp4.length / 2);
        }, "Failed to cut")));
        cases.add(named("mp4: random bytes", Case.fails("garbage.mp4", dir -> garbage(8192, 19), "Not a readable video")));
        cases.add(named("mp4: empty file", Case.fails("empty.mp4", dir -> new byte[0], "Not a readable video")));
        cases.add(named("mkv: text with the extension", Case.fails("text.mkv",
                dir -> "not a matroska file".getBytes(StandardCharsets.UTF_8), "Not a readable video")));
        cases.add(named("mkv: truncated to a quarter", Case.fails("quarter.mkv", dir -> {
            byte[] mkv = MalformedFiles.media(dir, "v.mkv", picture, "-c:v", "mpeg4");
            return head(mkv, mkv.length / 4);
        }, "Failed to cut")));
        cases.add(named("webm: header only", Case.fails("header.webm", dir -> {
            byte[] webm = MalformedFiles.media(dir, "v.webm", picture, "-c:v", "libvpx", "-b:v", "100k");
            return head(webm, 64);
        }, "Not a readable video")));
    }

    private static BiConsumer<List<Row>, byte[]> text(String expected) {
        return (rows, file) -> {
            assertEquals(1, rows.size());
            assertEquals(expected, rows.get(0).getString("text"));
        };
    }

    private static void texts(List<Named<Case>> cases) {
        String sample = "naïve café – 東京 ✓";
        cases.add(named("text: UTF-16LE with BOM decodes", Case.ingests("le.txt",
                dir -> concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, sample.getBytes(StandardCharsets.UTF_16LE)), text(sample))));
        cases.add(named("text: UTF-16BE with BOM decodes", Case.ingests("be.md",
                dir -> concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, sample.getBytes(StandardCharsets.UTF_16BE)), text(sample))));
        cases.add(named("text: UTF-8 BOM is dropped", Case.ingests("bom.csv",
                dir -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, sample.getBytes(StandardCharsets.UTF_8)), text(sample))));
        cases.add(named("text: NUL bytes are kept", Case.ingests("nul.txt",
                dir -> "a\0b\0\0c".getBytes(StandardCharsets.UTF_8), text("a\0b\0\0c"))));
        cases.add(named("text: 0-byte file gives no rows", Case.ingests("empty.txt", dir -> new byte[0],
                (rows, file) -> assertEquals(0, rows.size()))));
        cases.add(named("text: a 3 MB single line is chunked", Case.ingests("line.txt",
                dir -> "x".repeat(3_000_000).getBytes(StandardCharsets.UTF_8), (rows, file) -> {
                    assertEquals(3_000_000 / 800, rows.size());
                    assertEquals("x".repeat(1000), rows.get(0).getString("text"));
                })));
        cases.add(named("text: invalid UTF-8 byte", Case.fails("bad.txt",
                dir -> new byte[] {'o', 'k', (byte) 0xC3, 0x28}, "not valid UTF-8 text")));
        cases.add(named("text: UTF-8 sequence cut at the end", Case.fails("cut.json",
                dir -> concat("{\"a\": \"".getBytes(StandardCharsets.UTF_8), head("東".getBytes(StandardCharsets.UTF_8), 2)), "not valid UTF-8 text")));
        cases.add(named("text: overlong UTF-8 encoding", Case.fails("overlong.xml",
                dir -> new byte[] {'<', 'a', (byte) 0xC0, (byte) 0xAF, '>'}, "not valid UTF-8 text")));
        cases.add(named("text: UTF-8-encoded surrogate (CESU)", Case.fails("cesu.html",
                dir -> new byte[] {'x', (byte) 0xED, (byte) 0xA0, (byte) 0x80}, "not valid UTF-8 text")));
        cases.add(named("text: UTF-16LE with BOM and a lone surrogate", Case.fails("lone.txt",
                dir -> new byte[] {(byte) 0xFF, (byte) 0xFE, 'a', 0, 0x00, (byte) 0xD8, 'b', 0}, "not valid UTF-16LE text")));
        cases.add(named("text: Latin-1 bytes without a BOM", Case.fails("latin1.md",
                dir -> "café".getBytes(StandardCharsets.ISO_8859_1), "not valid UTF-8 text")));
        cases.add(named("binary: file without an extension", Case.ingests("README", dir -> garbage(100, 23), (rows, file) -> {
            assertEquals(1, rows.size());
            assertArrayEquals(file, rows.get(0).getBytes("data"));
        })));
        cases.add(named("binary: 0-byte file", Case.ingests("empty.bin", dir -> new byte[0], (rows, file) -> {
            assertEquals(1, rows.size());
            assertArrayEquals(new byte[0], rows.get(0).getBytes("data"));
        })));
    }
}
