package ai.deeplake.bench;

import java.util.Arrays;

/** Summaries of repeated timings. */
final class Stats {
    private Stats() {}

    /** @return the median of {@code values} (the upper one of an even count), which are left as they are */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
