package ai.deeplake.formats.coco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.Batch;
import ai.deeplake.api.Format;
import ai.deeplake.api.IngestError;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Broken COCO files, one case each: the ingest fails with an {@link IngestError} naming the file and
 * the list, element and id at fault, before any row is handed on.
 */
class MalformedCocoTest {
    @TempDir
    Path dir;

    /** Which file of the test splits a case breaks. */
    enum Target { INSTANCES, CAPTIONS, PANOPTIC }

    static Stream<Arguments> cases() {
        return Stream.of(
                instances("no images list", j -> j.without("images"), ": no \"images\" list"),
                instances("images not a list", j -> j.put("images", "all of them"), ": \"images\" must be a list, not VALUE_STRING"),
                instances("image without file_name", j -> image(j, 1).without("file_name"), ": images[1] (id 2): \"file_name\" is missing"),
                instances("width as a string", j -> image(j, 1).put("width", "20"), ": images[1] (id 2): \"width\" must be an integer, not \"20\""),
                instances("zero height", j -> image(j, 2).put("height", 0), ": images[2] (id 3): \"height\" must be a positive integer, not 0"),
                instances("image id twice", j -> image(j, 2).put("id", 1), ": images[2] (id 1): the image id appears twice"),
                instances("annotation without category_id", j -> annotation(j, 0).without("category_id"),
                        ": annotations[0] (id 101): \"category_id\" is missing"),
                instances("unknown category", j -> annotation(j, 2).put("category_id", 99),
                        ": annotations[2] (id 201): category_id 99 is not in \"categories\""),
                instances("unknown image", j -> annotation(j, 0).put("image_id", 42), ": annotations[0] (id 101): image_id 42 is not in \"images\""),
                instances("RLE counts overflow the image", j -> rle(j, 2).set("counts", CocoSplits.JSON.valueToTree(List.of(23, 4, 6, 4, 164))),
                        ": annotations[2] (id 201): RLE \"counts\" add up to 201 pixels, more than the 10x20 = 200 of its \"size\""),
                instances("negative RLE count", j -> rle(j, 2).set("counts", CocoSplits.JSON.valueToTree(List.of(23, -4, 6))),
                        ": annotations[2] (id 201): RLE \"counts\"[1] must be a non-negative integer, not -4"),
                instances("compressed RLE with a bad character", j -> rle(j, 3).put("counts", "5:~L"),
                        ": annotations[3] (id 301): compressed RLE \"counts\" has the character '~' at 2, outside '0'..'o'"),
                instances("compressed RLE cut short", j -> rle(j, 3).put("counts", "5:3l"),
                        ": annotations[3] (id 301): compressed RLE \"counts\" ends in the middle of a number"),
                instances("compressed RLE overflowing the image", j -> rle(j, 3).put("counts", "T3"),
                        ": annotations[3] (id 301): RLE \"counts\" add up to 100 pixels, more than the 4x6 = 24 of its \"size\""),
                instances("RLE size not the image's", j -> rle(j, 2).set("size", CocoSplits.JSON.valueToTree(List.of(10, 21))),
                        ": annotations[2] (id 201): RLE \"size\" [10, 21] is not the image's [height, width] [10, 20]"),
                instances("polygon with an odd number of coordinates", j -> annotation(j, 0).set("segmentation",
                        CocoSplits.JSON.valueToTree(List.of(List.of(10, 5, 30, 5, 30)))),
                        ": annotations[0] (id 101): \"segmentation\"[0] must be a list of x, y pairs of at least 3 points"),
                instances("bbox of three numbers", j -> annotation(j, 1).set("bbox", CocoSplits.JSON.valueToTree(List.of(1, 2, 3))),
                        ": annotations[1] (id 102): \"bbox\" must be [x, y, width, height], not [1,2,3]"),
                instances("iscrowd 2", j -> annotation(j, 2).put("iscrowd", 2), ": annotations[2] (id 201): \"iscrowd\" must be 0 or 1, not 2"),
                instances("category id 0", j -> ((ObjectNode) j.get("categories").get(0)).put("id", 0),
                        ": categories[0] (id 0): category id 0 is outside 1..65535 (0 is the mask background)"),
                Arguments.of("truncated JSON", Target.INSTANCES,
                        (Function<ObjectNode, String>) j -> j.toString().substring(0, 200), ": not valid JSON: "),
                Arguments.of("caption not a string", Target.CAPTIONS, (Function<ObjectNode, String>) j -> {
                    ((ObjectNode) j.get("annotations").get(1)).put("caption", 7);
                    return j.toString();
                }, ": annotations[1] (id 2): \"caption\" must be a string, not 7"),
                Arguments.of("panoptic segment of an unknown category", Target.PANOPTIC, (Function<ObjectNode, String>) j -> {
                    ((ObjectNode) j.get("annotations").get(1).get("segments_info").get(0)).put("category_id", 200);
                    return j.toString();
                }, ": the annotation of image_id 2 has a segment of category_id 200, which is not in \"categories\""),
                Arguments.of("panoptic image without annotation", Target.PANOPTIC, (Function<ObjectNode, String>) j -> {
                    ((ArrayNode) j.get("annotations")).remove(0);
                    return j.toString();
                }, ": image id 1 (000001.jpg) has no panoptic annotation"),
                Arguments.of("panoptic annotation without segments_info", Target.PANOPTIC, (Function<ObjectNode, String>) j -> {
                    ((ObjectNode) j.get("annotations").get(0)).remove("segments_info");
                    return j.toString();
                }, ": annotations[0]: \"segments_info\" is missing"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failsNamingTheFileAndTheElement(String name, Target target, Function<ObjectNode, String> breakIt, String expected) throws IOException {
        Path file;
        ObjectNode json;
        Format format;
        if (target == Target.PANOPTIC) {
            Path images = CocoSplits.panoptic(dir);
            file = dir.resolve("panoptic/annotations/panoptic_val2017.json");
            json = (ObjectNode) CocoSplits.JSON.readTree(file.toFile());
            format = new CocoPanoptic(images, dir.resolve("panoptic/annotations/panoptic_val2017"), file);
        } else {
            Path images = CocoSplits.instances(dir);
            file = dir.resolve("coco/annotations/" + (target == Target.INSTANCES ? "instances" : "captions") + "_val2017.json");
            json = target == Target.INSTANCES ? CocoSplits.instancesJson() : CocoSplits.captionsJson();
            format = Coco.builder(images).build();
        }
        Files.writeString(file, breakIt.apply(json));
        List<Batch> batches = new ArrayList<>();
        IngestError e = assertThrows(IngestError.class, () -> format.normalize(batches::add));
        assertTrue(e.getMessage().startsWith(file + expected), e.getMessage());
        assertEquals(List.of(), batches, "no row before the error");
    }

    private static Arguments instances(String name, java.util.function.Consumer<ObjectNode> breakIt, String expected) {
        return Arguments.of(name, Target.INSTANCES, (Function<ObjectNode, String>) j -> {
            breakIt.accept(j);
            return j.toString();
        }, expected);
    }

    private static ObjectNode image(ObjectNode json, int index) {
        return (ObjectNode) json.get("images").get(index);
    }

    private static ObjectNode annotation(ObjectNode json, int index) {
        return (ObjectNode) json.get("annotations").get(index);
    }

    private static ObjectNode rle(ObjectNode json, int index) {
        return (ObjectNode) annotation(json, index).get("segmentation");
    }
}
