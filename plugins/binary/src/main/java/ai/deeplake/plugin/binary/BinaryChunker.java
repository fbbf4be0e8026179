package ai.deeplake.plugin.binary;

import ai.deeplake.api.Batch;
import ai.deeplake.api.Chunker;
import ai.deeplake.api.ColumnType;
import ai.deeplake.api.IngestError;
import ai.deeplake.api.IngestSettings;
import ai.deeplake.api.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Consumer;
import org.pf4j.Extension;

/**
 * The fallback {@link Chunker}, for every extension no other chunker claims
 * ({@link Chunker#ANY_EXTENSION}): one row per file, holding the file's bytes unchanged in
 * {@value #DATA} (BINARY) and its name in {@value #FILENAME}. An empty file gives one row with no
 * bytes.
 *
 * <p>The row holds the whole file, so the file is read whole into memory: this chunker cannot stream.
 * A file that cannot be read, or that is too large for one Java array (about 2 GB), raises
 * {@link IngestError} naming it. The instance keeps no state, so one serves every worker thread.
 */
@Extension
public final class BinaryChunker implements Chunker {
    /** The column holding the file's bytes. */
    public static final String DATA = "data";
    /** The column holding the file's name, without its folder. */
    public static final String FILENAME = "filename";

    /** The longest array the JDK allocates ({@code jdk.internal.util.ArraysSupport.SOFT_MAX_ARRAY_LENGTH}). */
    private static final long MAX_BYTES = Integer.MAX_VALUE - 8;
    private static final Schema SCHEMA = Schema.builder()
            .add(DATA, ColumnType.BINARY)
            .add(FILENAME, ColumnType.TEXT)
            .build();

    @Override
    public String name() {
        return "binary";
    }

    @Override
    public Set<String> extensions() {
        return Set.of(ANY_EXTENSION);
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public void chunk(Path file, IngestSettings settings, Consumer<Batch> out) {
        byte[] data;
        try {
            // Checked first because Files.readAllBytes would fail with an OutOfMemoryError instead.
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new IngestError("Cannot ingest " + file + ": " + size + " bytes is more than one BINARY value holds ("
                        + MAX_BYTES + ")");
            }
            data = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IngestError("Cannot read " + file + ": " + e, e);
        }
        out.accept(Batch.builder()
                .column(DATA, new byte[][] {data})
                .column(FILENAME, new String[] {file.getFileName().toString()})
                .build());
    }
}
