package ai.deeplake.formats.huggingface;

import ai.deeplake.api.Format;
import ai.deeplake.api.FormatFactory;
import ai.deeplake.api.IngestError;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/**
 * The {@code huggingface} format id: {@code deeplake ingest mnist --format huggingface -o name=mnist},
 * and what {@code {"_huggingface": "name"}} asks for. Options: {@code name} ({@code name[:config][@split]},
 * required), {@code config}, {@code split}, {@code endpoint}, {@code token}, {@code cacheDir},
 * {@code maxRows}.
 */
@Extension
public final class HuggingFaceFactory implements FormatFactory {
    private static final Set<String> OPTIONS = Set.of("name", "config", "split", "endpoint", "token", "cacheDir", "maxRows");

    @Override
    public String id() {
        return "huggingface";
    }

    @Override
    public String description() {
        return "HuggingFace Hub dataset (Parquet, cached): name=NAME[:CONFIG][@SPLIT], config, split, endpoint, token, cacheDir, maxRows";
    }

    @Override
    public Format create(Map<String, String> options) {
        List<String> unknown = options.keySet().stream().filter(k -> !OPTIONS.contains(k)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IngestError("huggingface format: unknown options " + unknown + "; it takes " + OPTIONS.stream().sorted().toList());
        }
        String name = options.get("name");
        if (name == null || name.isBlank()) {
            throw new IngestError("huggingface format: the option 'name' is required (name=NAME[:CONFIG][@SPLIT], e.g. name=mnist)");
        }
        HuggingFace.Builder b = HuggingFace.builder(name).config(options.get("config")).split(options.get("split"))
                .endpoint(options.get("endpoint")).token(options.get("token"));
        if (options.get("cacheDir") != null) {
            b.cacheDir(Path.of(options.get("cacheDir")));
        }
        if (options.get("maxRows") != null) {
            try {
                b.maxRows(Long.parseLong(options.get("maxRows").trim()));
            } catch (NumberFormatException e) {
                throw new IngestError("huggingface format: maxRows must be a whole number, got '" + options.get("maxRows") + "'", e);
            }
        }
        return b.build();
    }
}
