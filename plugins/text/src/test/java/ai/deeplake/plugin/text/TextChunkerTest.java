package ai.deeplake.plugin.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.Batch;
import ai.deeplake.api.ColumnType;
import ai.deeplake.api.IngestError;
import ai.deeplake.api.IngestSettings;
import java.io.ByteArrayOutputStream;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TextChunkerTest {
    private static final String EMOJI = "\uD83D\uDE00"; // U+1F600, one code point, two chars

    private final TextChunker chunker = new TextChunker();

    @TempDir
    Path dir;

    @Test
    void describesItself() {
        assertEquals("text", chunker.name());
        assertEquals(Set.of("txt", "md", "csv", "json", "xml", "html"), chunker.extensions());
        assertEquals(List.of("chunk_index", "text"), chunker.schema().names());
        assertEquals(ColumnType.INT64, chunker.schema().column("chunk_index").orElseThrow().type());
        assertEquals(ColumnType.TEXT, chunker.schema().column("text").orElseThrow().type());
    }

    static Stream<Arguments> boundaries() {
        return Stream.of(
                Arguments.of("abcdefghij", 4, 1, List.of("abcd", "defg", "ghij")),
                Arguments.of("abcdefghijk", 4, 1, List.of("abcd", "defg", "ghij", "jk")),
                Arguments.of("abcdefg", 4, 2, List.of("abcd", "cdef", "efg")),
                // "cdef" reaches the end: no trailing "ef" lying inside it.
                Arguments.of("abcdef", 4, 2, List.of("abcd", "cdef")),
                Arguments.of("abcdefghij", 4, 0, List.of("abcd", "efgh", "ij")),
                Arguments.of("abcdefgh", 4, 0, List.of("abcd", "efgh")),
                Arguments.of("abcd", 4, 3, List.of("abcd")),
                Arguments.of("abcd", 4, 0, List.of("abcd")),
                Arguments.of("ab", 4, 2, List.of("ab")),
                Arguments.of("abc", 1, 0, List.of("a", "b", "c")),
                Arguments.of("x", 1000, 200, List.of("x")));
    }

    @ParameterizedTest(name = "\"{0}\" size {1} overlap {2}")
    @MethodSource("boundaries")
    void cutsExactChunks(String text, int size, int overlap, List<String> expected) throws IOException {
        assertEquals(expected, chunks(write(text), size, overlap));
    }

    @Test
    void countsSurrogatePairsAndCombiningMarksAsCodePoints() throws IOException {
        String emoji = "a" + EMOJI + "b" + EMOJI + "c";
        assertEquals(List.of("a" + EMOJI, EMOJI + "b", "b" + EMOJI, EMOJI + "c"), chunks(write(emoji), 2, 1));

        // "é" spelled e + U+0301 is two code points, so it can be cut between them.
        String combining = "e\u0301e\u0301";
        assertEquals(List.of("e\u0301", "e\u0301"), chunks(write(combining), 2, 0));
        assertEquals(List.of("e\u0301e", "\u0301"), chunks(write(combining), 3, 0));
    }

    @ParameterizedTest(name = "size {0} overlap {1}")
    @MethodSource("randomCases")
    void randomUnicodeMatchesTheDefinitionAndRejoins(int size, int overlap) throws IOException {
        String text = randomText(new Random(size * 31L + overlap), 30_000);
        List<String> chunks = chunks(write(text), size, overlap);

        assertEquals(reference(text, size, overlap), chunks);
        StringBuilder rejoined = new StringBuilder(chunks.get(0));
        for (String chunk : chunks.subList(1, chunks.size())) {
            rejoined.append(chunk, chunk.offsetByCodePoints(0, overlap), chunk.length());
        }
        assertEquals(text, rejoined.toString());
        for (String chunk : chunks) {
            assertFalse(Character.isLowSurrogate(chunk.charAt(0)), "chunk starts inside a surrogate pair");
            assertFalse(Character.isHighSurrogate(chunk.charAt(chunk.length() - 1)), "chunk ends inside a surrogate pair");
        }
    }

    static Stream<Arguments> randomCases() {
        // Sizes around and beyond the 8192-char read buffer and initial window, where the sliding
        // buffer and the surrogate carry-over between reads are exercised.
        return Stream.of(Arguments.of(1, 0), Arguments.of(7, 3), Arguments.of(1000, 200), Arguments.of(1000, 0),
                Arguments.of(8191, 8190), Arguments.of(10_000, 9_000), Arguments.of(20_000, 500),
                Arguments.of(100_000, 10));
    }

    @Test
    void keepsSurrogatePairsWholeWhenAReadSplitsThem() throws IOException {
        String text = randomText(new Random(7), 2_000);
        // The strict decoder never returns half a pair, but a Reader may: feed one char per read.
        Reader oneCharAtATime = new FilterReader(new StringReader(text)) {
            @Override
            public int read(char[] target, int offset, int length) throws IOException {
                return super.read(target, offset, Math.min(length, 1));
            }
        };
        List<String> chunks = new ArrayList<>();
        new ChunkWindow(3, 1, batch -> chunks.addAll(List.of(batch.strings("text")))).cut(oneCharAtATime);

        assertEquals(reference(text, 3, 1), chunks);
    }

    @Test
    void handsOnBatchesOfAtMostAThousandRowsNumberedAcrossBatches() throws IOException {
        List<Batch> batches = batches(write("x".repeat(2500)), 1, 0);

        assertEquals(List.of(1000, 1000, 500), batches.stream().map(Batch::size).toList());
        long expected = 0;
        for (Batch batch : batches) {
            assertEquals(List.of("chunk_index", "text"), batch.columnNames());
            for (long index : batch.longs("chunk_index")) {
                assertEquals(expected++, index);
            }
        }
    }

    @Test
    void capsBatchesByContentWhenChunksAreLarge() throws IOException {
        int size = 1 << 20;
        List<Batch> batches = batches(write("y".repeat(6 * size)), size, 0);

        assertEquals(List.of(4, 2), batches.stream().map(Batch::size).toList());
    }

    @Test
    void emptyFileYieldsNoRows() throws IOException {
        assertTrue(batches(write(""), 1000, 200).isEmpty());
    }

    static Stream<Arguments> boms() {
        return Stream.of(
                Arguments.of(StandardCharsets.UTF_8, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}),
                Arguments.of(StandardCharsets.UTF_16LE, new byte[] {(byte) 0xFF, (byte) 0xFE}),
                Arguments.of(StandardCharsets.UTF_16BE, new byte[] {(byte) 0xFE, (byte) 0xFF}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("boms")
    void decodesByTheByteOrderMarkAndDropsIt(Charset charset, byte[] bom) throws IOException {
        String text = "h\u00e9llo " + EMOJI + " w\u00f6rld \u4e2d\u6587";
        Path file = writeBytes(concat(bom, text.getBytes(charset)));

        assertEquals(List.of(text), chunks(file, 1000, 200));
        assertEquals(reference(text, 5, 2), chunks(file, 5, 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("boms")
    void fileHoldingOnlyAByteOrderMarkYieldsNoRows(Charset charset, byte[] bom) throws IOException {
        assertTrue(batches(writeBytes(bom), 1000, 200).isEmpty());
    }

    static Stream<Arguments> invalidUtf8() {
        return Stream.of(
                Arguments.of(bytes('o', 'k', 0xC3, 0x28), "malformed byte 0xC3 at byte offset 2"),
                Arguments.of(bytes(0xFF), "malformed byte 0xFF at byte offset 0"),
                // An encoded surrogate is not UTF-8 even though it is well-formed bit-wise.
                Arguments.of(bytes('a', 0xED, 0xA0, 0x80), "at byte offset 1"),
                Arguments.of(bytes('a', 'b', 'c', 0xE2, 0x82), "the file ends inside a character, bytes 0xE2 0x82 at byte offset 3"),
                // The offset counts the byte order mark.
                Arguments.of(bytes(0xEF, 0xBB, 0xBF, 'a', 0xFE), "malformed byte 0xFE at byte offset 4"),
                // Past several read buffers, so the offset is tracked across refills.
                Arguments.of(concat("a".repeat(20_000).getBytes(StandardCharsets.US_ASCII), bytes(0xC0, 0x80)),
                        "at byte offset 20000"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidUtf8")
    void invalidUtf8RaisesIngestErrorNamingTheFile(byte[] content, String detail) throws IOException {
        Path file = writeBytes(content);

        IngestError error = assertThrows(IngestError.class, () -> chunks(file, 1000, 200));

        assertTrue(error.getMessage().startsWith(file + ": not valid UTF-8 text: "), error.getMessage());
        assertTrue(error.getMessage().contains(detail), error.getMessage());
    }

    @Test
    void loneSurrogateInUtf16RaisesIngestError() throws IOException {
        Path file = writeBytes(bytes(0xFF, 0xFE, 'a', 0, 0x00, 0xD8, 'b', 0));

        IngestError error = assertThrows(IngestError.class, () -> chunks(file, 1000, 200));

        assertTrue(error.getMessage().startsWith(file + ": not valid UTF-16LE text: "), error.getMessage());
        assertTrue(error.getMessage().contains("at byte offset 4"), error.getMessage());
    }

    /** The chunks by the definition: chunk k starts at k * (size - overlap), the last reaches the end. */
    private static List<String> reference(String text, int size, int overlap) {
        int[] codePoints = text.codePoints().toArray();
        List<String> chunks = new ArrayList<>();
        for (int start = 0; start < codePoints.length; start += size - overlap) {
            int end = Math.min(codePoints.length, start + size);
            chunks.add(new String(codePoints, start, end - start));
            if (end == codePoints.length) {
                break;
            }
        }
        return chunks;
    }

    private static String randomText(Random random, int codePoints) {
        int[] pool = {'a', 'b', ' ', '\n', 0xE9, 0x301, 0x4E2D, 0x20AC, 0x1F600, 0x1F680, 0x10348};
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < codePoints; i++) {
            text.appendCodePoint(pool[random.nextInt(pool.length)]);
        }
        return text.toString();
    }

    private List<String> chunks(Path file, int size, int overlap) throws IOException {
        List<String> chunks = new ArrayList<>();
        for (Batch batch : batches(file, size, overlap)) {
            chunks.addAll(List.of(batch.strings("text")));
        }
        return chunks;
    }

    private List<Batch> batches(Path file, int size, int overlap) throws IOException {
        List<Batch> batches = new ArrayList<>();
        chunker.chunk(file, new IngestSettings(size, overlap, 150, 1, null), batches::add);
        return batches;
    }

    private Path write(String text) throws IOException {
        return writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private Path writeBytes(byte[] content) throws IOException {
        Path file = Files.createTempFile(dir, "chunk", ".txt");
        return Files.write(file, content);
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        joined.writeBytes(first);
        joined.writeBytes(second);
        return joined.toByteArray();
    }
}
