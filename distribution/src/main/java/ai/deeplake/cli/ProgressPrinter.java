package ai.deeplake.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows an ingest's progress: on a terminal, one bar redrawn in place (files, rows, rate, ETA); on
 * anything else (a pipe, a log), a plain line at every tenth of the files.
 */
final class ProgressPrinter {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private long rows;
    private long files;
    private long totalFiles;
    private long lastDraw;
    private long lastTenth = -1;

    ProgressPrinter(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    synchronized void rows(long written) {
        rows = written;
        show(false);
    }

    synchronized void files(long done, long total) {
        files = done;
        totalFiles = total;
        show(done == total);
    }

    /** Ends the bar's line so the summary starts on its own. */
    synchronized void finish() {
        if (terminal && lastDraw != 0) {
            show(true);
            err.println();
            err.flush();
        }
    }

    private void show(boolean force) {
        long now = System.nanoTime();
        double seconds = Math.max(1e-3, (now - start) / 1e9);
        String rate = String.format(Locale.ROOT, "%,.0f rows/s", rows / seconds);
        String eta = files == 0 || totalFiles == 0 ? "--:--" : clock(seconds * (totalFiles - files) / files);
        if (terminal) {
            if (!force && now - lastDraw < REDRAW_NANOS) {
                return;
            }
            lastDraw = now;
            int filled = totalFiles == 0 ? 0 : (int) (WIDTH * files / totalFiles);
            err.printf(Locale.ROOT, "\r[%s%s] %d/%d files  %,d rows  %s  ETA %s ", "#".repeat(filled), ".".repeat(WIDTH - filled),
                    files, totalFiles, rows, rate, eta);
            err.flush();
        } else if (totalFiles > 0 && files * 10 / totalFiles > lastTenth) {
            lastTenth = files * 10 / totalFiles;
            err.printf(Locale.ROOT, "%d/%d files, %,d rows, %s, ETA %s%n", files, totalFiles, rows, rate, eta);
            err.flush();
        }
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format("%d:%02d", s / 60, s % 60);
    }
}
