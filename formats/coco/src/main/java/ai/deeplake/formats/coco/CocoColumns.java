package ai.deeplake.formats.coco;

import ai.deeplake.api.Batch;
import ai.deeplake.api.Schema;
import java.util.Map;

/** The column names of the COCO formats (SPEC §7). */
public final class CocoColumns {
    /** INT64: the image's id in the COCO file. */
    public static final String COCO_IMAGE_ID = "coco_image_id";
    /** IMAGE: the bytes of the image file. */
    public static final String IMAGE = "image";
    /** SEGMENT_MASK: a PNG of category ids (Coco) or the panoptic PNG (CocoPanoptic). */
    public static final String MASK = "mask";
    /** INT32: width in pixels, as the COCO file says. */
    public static final String WIDTH = "width";
    /** INT32: height in pixels, as the COCO file says. */
    public static final String HEIGHT = "height";
    /** TEXT: the image file name, relative to the images folder. */
    public static final String FILENAME = "filename";
    /** JSON: the COCO file's categories list, the same on every row. */
    public static final String CATEGORIES = "categories";
    /** JSON: the image's captions, a list of strings (Coco). */
    public static final String CAPTIONS = "captions";
    /** JSON: the image's annotations, a list of {bbox, category_id, area, iscrowd} (Coco). */
    public static final String ANNOTATIONS = "annotations";
    /** INT32: the number of annotations of the image (Coco). */
    public static final String NUM_OBJECTS = "num_objects";
    /** TEXT: the panoptic PNG's file name, relative to the masks folder (CocoPanoptic). */
    public static final String MASK_FILENAME = "mask_filename";
    /** JSON: the panoptic annotation's segments_info list (CocoPanoptic). */
    public static final String SEGMENTS_INFO = "segments_info";

    /** Rows per batch unless the caller says otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 100;

    private CocoColumns() {}

    /** @return a batch of the columns in the schema's order, which is the order the table gets */
    static Batch batch(Schema schema, Map<String, Object> columns) {
        Batch.Builder b = Batch.builder();
        for (String name : schema.names()) {
            b.column(name, columns.get(name));
        }
        return b.build();
    }
}
