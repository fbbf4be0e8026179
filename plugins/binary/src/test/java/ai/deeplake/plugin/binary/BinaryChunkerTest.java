package ai.deeplake.plugin.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.Batch;
import ai.deeplake.api.Chunker;
import ai.deeplake.api.ColumnType;
import ai.deeplake.api.IngestError;
import ai.deeplake.api.IngestSettings;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BinaryChunkerTest {
    private final BinaryChunker chunker = new BinaryChunker();

    @TempDir
    Path dir;

    @Test
    void isTheFallbackForEveryExtension() {
        assertEquals("binary", chunker.name());
        assertEquals(Set.of(Chunker.ANY_EXTENSION), chunker.extensions());
        assertEquals(List.of("data", "filename"), chunker.schema().names());
        assertEquals(ColumnType.BINARY, chunker.schema().column("data").orElseThrow().type());
        assertEquals(ColumnType.TEXT, chunker.schema().column("filename").orElseThrow().type());
        assertEquals(List.of(), chunker.imageColumns());
    }

    @Test
    void storesTheFileBytesUnchangedInOneRow() throws IOException {
        byte[] content = new byte[70_000];
        new Random(7).nextBytes(content);
        Batch row = chunkOne(Files.write(dir.resolve("model.Weights.v2"), content));
        assertEquals(List.of("data", "filename"), row.columnNames());
        assertArrayEquals(content, row.bytes("data")[0]);
        assertEquals("model.Weights.v2", row.strings("filename")[0]);
    }

    @Test
    void anEmptyFileIsOneRowWithNoBytes() throws IOException {
        Batch row = chunkOne(Files.createFile(dir.resolve("empty.dat")));
        assertArrayEquals(new byte[0], row.bytes("data")[0]);
        assertEquals("empty.dat", row.strings("filename")[0]);
    }

    @Test
    void aFileWithoutExtensionIsStoredToo() throws IOException {
        Batch row = chunkOne(Files.write(dir.resolve("Makefile"), new byte[] {'a', 'l', 'l', ':'}));
        assertArrayEquals(new byte[] {'a', 'l', 'l', ':'}, row.bytes("data")[0]);
        assertEquals("Makefile", row.strings("filename")[0]);
    }

    @Test
    void anUnreadableFileIsAnIngestErrorNamingIt() throws IOException {
        Path missing = dir.resolve("missing.bin");
        IngestError e = assertThrows(IngestError.class, () -> chunkOne(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());

        // A folder: tests usually run as root here, so file permissions cannot make a file unreadable.
        Path folder = Files.createDirectory(dir.resolve("folder.bin"));
        e = assertThrows(IngestError.class, () -> chunkOne(folder));
        assertTrue(e.getMessage().contains(folder.toString()), e.getMessage());
    }

    @Test
    void aFileTooLargeForOneValueIsAnIngestErrorNamingIt() throws IOException {
        Path huge = dir.resolve("huge.iso");
        // Sparse: setting the length writes no data, so the test takes no disk space or time.
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(Integer.MAX_VALUE);
        }
        IngestError e = assertThrows(IngestError.class, () -> chunkOne(huge));
        assertTrue(e.getMessage().contains(huge.toString()) && e.getMessage().contains(Integer.MAX_VALUE + " bytes"), e.getMessage());
    }

    private Batch chunkOne(Path file) throws IOException {
        List<Batch> batches = new ArrayList<>();
        chunker.chunk(file, IngestSettings.defaults(), batches::add);
        assertEquals(1, batches.size());
        assertEquals(1, batches.get(0).size());
        return batches.get(0);
    }
}
