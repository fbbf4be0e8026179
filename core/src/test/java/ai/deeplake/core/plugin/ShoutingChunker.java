package ai.deeplake.core.plugin;

import ai.deeplake.api.Batch;
import ai.deeplake.api.Chunker;
import ai.deeplake.api.ColumnType;
import ai.deeplake.api.IngestSettings;
import ai.deeplake.api.Schema;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Consumer;
import org.pf4j.Extension;

/**
 * A chunker that lives on the class path (not in a plugin jar) and takes an injected collaborator:
 * proves class-path discovery and Guice construction of extensions.
 */
@Extension
public final class ShoutingChunker implements Chunker {
    private final Shouter shouter;

    @Inject
    public ShoutingChunker(Shouter shouter) {
        this.shouter = shouter;
    }

    /** The injected collaborator. */
    public static final class Shouter {
        String shout(String text) {
            return text.toUpperCase(java.util.Locale.ROOT) + "!";
        }
    }

    @Override
    public String name() {
        return "shouting";
    }

    @Override
    public Set<String> extensions() {
        return Set.of("shout");
    }

    @Override
    public Schema schema() {
        return Schema.builder().add("text", ColumnType.TEXT).build();
    }

    @Override
    public void chunk(Path file, IngestSettings settings, Consumer<Batch> out) throws IOException {
        out.accept(Batch.builder().column("text", new String[] {shouter.shout(Files.readString(file).strip())}).build());
    }
}
