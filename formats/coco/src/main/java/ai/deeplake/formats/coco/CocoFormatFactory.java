package ai.deeplake.formats.coco;

import ai.deeplake.api.Format;
import ai.deeplake.api.FormatFactory;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/**
 * {@code --format coco}: a {@link Coco} split from the options {@code images} (or the PATH),
 * {@code annotations}, {@code instances}, {@code captions} (a file, or {@code false}),
 * {@code max-images}, {@code batch-size} and {@code skip-missing}.
 */
@Extension
public final class CocoFormatFactory implements FormatFactory {
    private static final Set<String> OPTIONS = Set.of("images", "annotations", "instances", "captions", "max-images", "batch-size",
            "skip-missing");

    @Override
    public String id() {
        return "coco";
    }

    @Override
    public String description() {
        return "COCO instances (+captions) split: images=<folder> (or PATH), annotations=<folder>, instances=<json>, "
                + "captions=<json>|false, max-images=N, batch-size=N, skip-missing=true|false";
    }

    @Override
    public Format create(Map<String, String> options) {
        FormatOptions o = new FormatOptions(id(), options, OPTIONS);
        Coco.Builder b = Coco.builder(o.images());
        o.path("annotations").ifPresent(b::annotationsDir);
        o.path("instances").ifPresent(b::instancesJson);
        o.text("captions").ifPresent(captions -> {
            if (captions.equalsIgnoreCase("false") || captions.equalsIgnoreCase("none")) {
                b.captionsJson(false);
            } else {
                b.captionsJson(Path.of(captions));
            }
        });
        o.integer("max-images", 0).ifPresent(b::maxImages);
        o.integer("batch-size", 1).ifPresent(b::batchSize);
        o.flag("skip-missing").ifPresent(b::skipMissingImages);
        return b.build();
    }
}
