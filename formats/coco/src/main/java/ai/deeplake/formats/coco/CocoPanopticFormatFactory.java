package ai.deeplake.formats.coco;

import ai.deeplake.api.Format;
import ai.deeplake.api.FormatFactory;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/**
 * {@code --format coco-panoptic}: a {@link CocoPanoptic} split from the options {@code images} (or
 * the PATH), {@code masks}, {@code annotations} (the panoptic JSON) and {@code batch-size}.
 */
@Extension
public final class CocoPanopticFormatFactory implements FormatFactory {
    private static final Set<String> OPTIONS = Set.of("images", "masks", "annotations", "batch-size");

    @Override
    public String id() {
        return "coco-panoptic";
    }

    @Override
    public String description() {
        return "COCO panoptic split: images=<folder> (or PATH), masks=<folder of PNGs>, annotations=<panoptic json>, batch-size=N";
    }

    @Override
    public Format create(Map<String, String> options) {
        FormatOptions o = new FormatOptions(id(), options, OPTIONS);
        return new CocoPanoptic(o.images(), o.requiredPath("masks", "folder of the panoptic PNGs"),
                o.requiredPath("annotations", "panoptic JSON file"), o.integer("batch-size", 1).orElse(CocoColumns.DEFAULT_BATCH_SIZE));
    }
}
