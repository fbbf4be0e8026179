package ai.deeplake.formats.lerobot;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path template of {@code meta/info.json} in Python's format syntax, e.g.
 * {@code data/chunk-{episode_chunk:03d}/episode_{episode_index:06d}.parquet}: {@code {name}} and
 * zero-padded integers {@code {name:0Nd}} are what LeRobot writes.
 */
record PathTemplate(String text) {
    private static final Pattern FIELD = Pattern.compile("\\{(\\w+)(?::0?(\\d+)d)?}");

    /** @throws IllegalArgumentException for a field the values lack */
    String format(Map<String, Object> values) {
        Matcher m = FIELD.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("unknown field {" + m.group(1) + "} in path template " + text);
            }
            String formatted = m.group(2) == null ? value.toString() : String.format("%0" + m.group(2) + "d", value);
            m.appendReplacement(out, Matcher.quoteReplacement(formatted));
        }
        m.appendTail(out);
        return out.toString();
    }
}
