package ai.deeplake;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an ingest wrote.
 *
 * @param tableName the table written to
 * @param rowCount rows written by this call
 * @param datasetPath the table's dataset path, {@code al://{workspace}/{table}}
 */
public record IngestResult(String tableName, long rowCount, String datasetPath) {

    /** @return the seed SDKs' result dict: {@code table_name}, {@code row_count}, {@code dataset_path} */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("table_name", tableName);
        map.put("row_count", rowCount);
        map.put("dataset_path", datasetPath);
        return map;
    }
}
