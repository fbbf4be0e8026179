package ai.deeplake.formats.coco;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One element of a COCO instances file's {@code annotations} list, as much of it as rows need.
 *
 * @param id the annotation's id
 * @param index its position in the list, for error messages
 * @param imageId the image it belongs to
 * @param categoryId its category
 * @param json {@code {"bbox": [...], "category_id": n, "area": a, "iscrowd": 0|1}}, the annotations column's element
 * @param segmentation its polygons or RLE, null when it has none
 */
record Instance(long id, int index, long imageId, long categoryId, String json, Segmentation segmentation) {

    /** @throws BadJson when a field is missing, of the wrong type or malformed */
    static Instance parse(JsonNode element, int index) {
        long id = CocoJson.integer(element, "id");
        long imageId = CocoJson.integer(element, "image_id");
        long categoryId = CocoJson.integer(element, "category_id");
        JsonNode bbox = CocoJson.list(element, "bbox");
        if (bbox.size() != 4 || !bbox.get(0).isNumber() || !bbox.get(1).isNumber() || !bbox.get(2).isNumber()
                || !bbox.get(3).isNumber()) {
            throw new BadJson("\"bbox\" must be [x, y, width, height], not " + bbox);
        }
        JsonNode area = element.path("area");
        if (!area.isMissingNode() && !area.isNumber()) {
            throw new BadJson("\"area\" must be a number, not " + area);
        }
        JsonNode crowd = element.path("iscrowd");
        if (!crowd.isMissingNode() && !(crowd.isIntegralNumber() && (crowd.asInt() == 0 || crowd.asInt() == 1))) {
            throw new BadJson("\"iscrowd\" must be 0 or 1, not " + crowd);
        }
        JsonNode segmentation = element.path("segmentation");
        ObjectNode json = CocoJson.MAPPER.createObjectNode();
        json.set("bbox", bbox);
        json.put("category_id", categoryId);
        json.set("area", area.isMissingNode() ? json.numberNode(0) : area);
        json.put("iscrowd", crowd.asInt(0));
        return new Instance(id, index, imageId, categoryId, CocoJson.write(json),
                segmentation.isMissingNode() || segmentation.isNull() ? null : Segmentation.parse(segmentation));
    }
}
