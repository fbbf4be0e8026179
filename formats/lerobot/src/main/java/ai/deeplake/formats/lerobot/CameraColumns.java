package ai.deeplake.formats.lerobot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which camera (video feature of {@code meta/info.json}) goes into which video column of the
 * episodes table. A key naming its role is placed by name: one holding {@code wrist} goes to
 * wrist_video, {@code exterior..1} (DROID's {@code observation.images.exterior_image_1_left}) to
 * exterior_1_video, {@code exterior..2} to exterior_2_video. The other cameras fill the columns still
 * free in the order info.json lists them (exterior_1, exterior_2, wrist). Cameras beyond three are
 * not ingested; a column with no camera holds nulls.
 */
final class CameraColumns {
    static final List<String> COLUMNS = List.of("exterior_1_video", "exterior_2_video", "wrist_video");
    private static final List<Pattern> ROLES = List.of(Pattern.compile("exterior\\D*1"), Pattern.compile("exterior\\D*2"),
            Pattern.compile("wrist"));

    private CameraColumns() {}

    /** @return video column -> camera key, for the columns that get a camera, in column order */
    static Map<String, String> of(List<String> videoKeys) {
        String[] cameras = new String[COLUMNS.size()];
        List<String> unplaced = new ArrayList<>();
        for (String key : videoKeys) {
            int role = role(key);
            if (role >= 0 && cameras[role] == null) {
                cameras[role] = key;
            } else {
                unplaced.add(key);
            }
        }
        for (int c = 0; c < cameras.length && !unplaced.isEmpty(); c++) {
            if (cameras[c] == null) {
                cameras[c] = unplaced.remove(0);
            }
        }
        Map<String, String> byColumn = new LinkedHashMap<>();
        for (int c = 0; c < cameras.length; c++) {
            if (cameras[c] != null) {
                byColumn.put(COLUMNS.get(c), cameras[c]);
            }
        }
        return byColumn;
    }

    private static int role(String key) {
        String name = key.toLowerCase(Locale.ROOT);
        for (int r = 0; r < ROLES.size(); r++) {
            if (ROLES.get(r).matcher(name).find()) {
                return r;
            }
        }
        return -1;
    }
}
