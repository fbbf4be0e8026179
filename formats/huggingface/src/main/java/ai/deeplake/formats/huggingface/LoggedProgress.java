package ai.deeplake.formats.huggingface;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default {@link DownloadProgress}: a log line when a download starts, at every further 10% and when it ends. */
final class LoggedProgress implements DownloadProgress {
    private static final Logger LOG = LoggerFactory.getLogger(HuggingFace.class);

    private String url;
    private long lastStep = -1;

    @Override
    public void progress(String url, long done, long total) {
        if (!url.equals(this.url)) {
            this.url = url;
            lastStep = -1;
            LOG.info("Downloading {} ({}{})", url, total < 0 ? "size unknown" : mb(total) + " MB",
                    done > 0 ? ", resuming at " + mb(done) + " MB" : "");
        }
        long step = total > 0 ? done * 10 / total : -1;
        if (step > lastStep) {
            lastStep = step;
            if (step > 0) {
                LOG.info("Downloaded {}%: {} of {} MB of {}", step * 10, mb(done), mb(total), url);
            }
        }
    }

    private static String mb(long bytes) {
        return String.format("%.1f", bytes / 1e6);
    }
}
