package ai.deeplake.formats.coco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.Batch;
import ai.deeplake.api.ColumnType;
import ai.deeplake.api.Format;
import ai.deeplake.api.IngestError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Coco's options, file discovery, batching and missing files, and the factories that make formats from options. */
class CocoFormatTest {
    @TempDir
    Path dir;

    private static List<Batch> rows(Format format) throws IOException {
        List<Batch> batches = new ArrayList<>();
        format.normalize(batches::add);
        return batches;
    }

    private static List<Long> ids(List<Batch> batches) {
        return batches.stream().flatMapToLong(b -> Arrays.stream(b.longs(CocoColumns.COCO_IMAGE_ID))).boxed().toList();
    }

    @Test
    void schemaDeclaresTheTypesAndOnlyImageGetsThumbnails() {
        Coco coco = Coco.builder(dir).build();
        assertEquals(List.of("coco_image_id", "image", "mask", "width", "height", "filename", "captions", "annotations", "categories",
                "num_objects"), coco.schema().orElseThrow().names());
        assertEquals(List.of("image"), coco.schema().orElseThrow().namesOf(ColumnType.IMAGE));
        assertEquals(List.of("mask"), coco.schema().orElseThrow().namesOf(ColumnType.SEGMENT_MASK));
        assertEquals(List.of("captions", "annotations", "categories"), coco.schema().orElseThrow().namesOf(ColumnType.JSON));
        assertEquals(List.of("image"), coco.imageColumns());
        assertEquals(List.of("image"), new CocoPanoptic(dir, dir, dir.resolve("p.json")).imageColumns());
    }

    @Test
    void annotationFilesAreFoundFromTheSplitName() throws IOException {
        Path images = CocoSplits.instances(dir);
        Coco coco = Coco.builder(images).build();
        assertEquals(dir.resolve("coco/annotations/instances_val2017.json").toAbsolutePath(), coco.instancesJson().toAbsolutePath());
        assertEquals(dir.resolve("coco/annotations/captions_val2017.json").toAbsolutePath(),
                coco.captionsJson().orElseThrow().toAbsolutePath());

        Path elsewhere = Files.move(dir.resolve("coco/annotations"), dir.resolve("labels"));
        IngestError e = assertThrows(IngestError.class, () -> rows(Coco.builder(images).build()));
        assertTrue(e.getMessage().startsWith("COCO instances file not found: " + dir.resolve("coco/annotations/instances_val2017.json")),
                e.getMessage());
        List<Batch> batches = rows(Coco.builder(images).annotationsDir(elsewhere).build());
        assertEquals(List.of(1L, 2L, 3L), ids(batches));
        assertEquals("[\"A red box.\",\"Two boxes.\"]", batches.get(0).strings(CocoColumns.CAPTIONS)[0]);
    }

    @Test
    void captionsCanBeTurnedOffAndAreEmptyWhenAbsent() throws IOException {
        Path images = CocoSplits.instances(dir);
        Coco off = Coco.builder(images).captionsJson(false).build();
        assertTrue(off.captionsJson().isEmpty());
        assertEquals(List.of("[]", "[]", "[]"), List.of(rows(off).get(0).strings(CocoColumns.CAPTIONS)));

        Files.delete(dir.resolve("coco/annotations/captions_val2017.json"));
        assertEquals(List.of("[]", "[]", "[]"), List.of(rows(Coco.builder(images).build()).get(0).strings(CocoColumns.CAPTIONS)));
        Path named = dir.resolve("coco/annotations/captions_val2017.json");
        IngestError e = assertThrows(IngestError.class, () -> rows(Coco.builder(images).captionsJson(named).build()));
        assertEquals("File not found: " + named, e.getMessage());
    }

    @Test
    void batchSizeAndMaxImages() throws IOException {
        Path images = CocoSplits.instances(dir);
        List<Batch> batches = rows(Coco.builder(images).batchSize(2).build());
        assertEquals(List.of(2, 1), batches.stream().map(Batch::size).toList());
        assertEquals(List.of(1L, 2L, 3L), ids(batches));

        List<Batch> two = rows(Coco.builder(images).batchSize(1).maxImages(2).build());
        assertEquals(List.of(1, 1), two.stream().map(Batch::size).toList());
        assertEquals(List.of(1L, 2L), ids(two));
        assertEquals(List.of(), rows(Coco.builder(images).maxImages(0).build()));
        assertThrows(IllegalArgumentException.class, () -> Coco.builder(images).batchSize(0));
    }

    @Test
    void aMissingImageFailsNamingItUnlessSkipped() throws IOException {
        Path images = CocoSplits.instances(dir);
        Path missing = images.resolve("000002.jpg");
        Files.delete(missing);
        IngestError e = assertThrows(IngestError.class, () -> rows(Coco.builder(images).batchSize(1).build()));
        assertEquals("File not found: " + missing + " (image id 2 of " + dir.resolve("coco/annotations/instances_val2017.json") + ")",
                e.getMessage());

        List<Batch> kept = rows(Coco.builder(images).skipMissingImages(true).maxImages(2).build());
        assertEquals(List.of(1L, 3L), ids(kept), "max-images counts rows, not the images skipped");
        assertArrayEquals(Files.readAllBytes(images.resolve("000003.png")), kept.get(0).bytes(CocoColumns.IMAGE)[1]);
    }

    @Test
    void aMissingPanopticMaskFailsNamingIt() throws IOException {
        Path images = CocoSplits.panoptic(dir);
        Path masks = dir.resolve("panoptic/annotations/panoptic_val2017");
        Files.delete(masks.resolve("000002.png"));
        Path json = dir.resolve("panoptic/annotations/panoptic_val2017.json");
        IngestError e = assertThrows(IngestError.class, () -> rows(new CocoPanoptic(images, masks, json)));
        assertEquals("File not found: " + masks.resolve("000002.png") + " (image id 2 of " + json + ")", e.getMessage());
    }

    @Test
    void factoriesMakeFormatsFromOptions() throws IOException {
        Path images = CocoSplits.instances(dir);
        Format coco = new CocoFormatFactory().create(Map.of("path", images.toString(), "max-images", "2", "batch-size", "1",
                "captions", "false"));
        List<Batch> batches = rows(coco);
        assertEquals(List.of(1L, 2L), ids(batches));
        assertEquals("[]", batches.get(0).strings(CocoColumns.CAPTIONS)[0]);

        Path panopticImages = CocoSplits.panoptic(dir);
        Format panoptic = new CocoPanopticFormatFactory().create(Map.of("images", panopticImages.toString(),
                "masks", dir.resolve("panoptic/annotations/panoptic_val2017").toString(),
                "annotations", dir.resolve("panoptic/annotations/panoptic_val2017.json").toString()));
        assertEquals(List.of(1L, 2L), ids(rows(panoptic)));
    }

    @Test
    void factoriesNameTheMissingOrWrongOption() {
        CocoFormatFactory coco = new CocoFormatFactory();
        assertEquals("format coco needs the option images=<folder of the images> (or a PATH)",
                assertThrows(IngestError.class, () -> coco.create(Map.of())).getMessage());
        assertEquals("format coco has no option 'mask' (options: [annotations, batch-size, captions, images, instances, max-images, skip-missing])",
                assertThrows(IngestError.class, () -> coco.create(Map.of("path", "x", "mask", "y"))).getMessage());
        assertEquals("format coco: option max-images must be a whole number of at least 0, not 'ten'",
                assertThrows(IngestError.class, () -> coco.create(Map.of("path", "x", "max-images", "ten"))).getMessage());
        assertEquals("format coco: option skip-missing must be true or false, not 'maybe'",
                assertThrows(IngestError.class, () -> coco.create(Map.of("path", "x", "skip-missing", "maybe"))).getMessage());
        assertEquals("format coco-panoptic needs the option masks=<folder of the panoptic PNGs>",
                assertThrows(IngestError.class, () -> new CocoPanopticFormatFactory().create(Map.of("path", "x", "annotations", "a.json")))
                        .getMessage());
        assertEquals("format coco-panoptic: option batch-size must be a whole number of at least 1, not '0'",
                assertThrows(IngestError.class, () -> new CocoPanopticFormatFactory().create(Map.of("path", "x", "masks", "m",
                        "annotations", "a.json", "batch-size", "0"))).getMessage());
    }

    @Test
    void categoryIdsAbove255GetA16BitMaskAndPolygonsAreClippedToTheImage() throws IOException {
        Instance big = new Instance(1, 0, 1, 300, "{}", new Segmentation.Polygons(List.of(new float[] {-5, -5, 3, -5, 3, 2, -5, 2})));
        java.awt.image.BufferedImage mask = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(
                MaskPainter.png(4, 4, List.of(big), 300)));
        assertEquals(16, mask.getColorModel().getPixelSize());
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                assertEquals(x < 3 && y < 2 ? 300 : 0, mask.getRaster().getSample(x, y, 0), "x " + x + ", y " + y);
            }
        }
    }

    @Test
    void compressedRleDecodesAsPycocotools() {
        // Hand-encoded: counts 4.. are stored as the difference to the count two before (6 - 10 = -4 -> 'L').
        assertArrayEquals(new int[] {5, 10, 3, 6}, Rle.decode("5:3L"));
        // 100 = 4 + 3 * 32: a first group with the "more" bit ('0' + 4 + 32 = 'T'), then '3'.
        assertArrayEquals(new int[] {100}, Rle.decode("T3"));
        assertArrayEquals(new int[] {}, Rle.decode(""));
        BadJson negative = assertThrows(BadJson.class, () -> Rle.decode("L"));
        assertEquals("compressed RLE \"counts\" decodes to the run -4 (count 0)", negative.getMessage());
    }
}
