package ai.deeplake.formats.huggingface;

/**
 * Hears how the download of one Parquet file goes. Called on the ingesting thread; keep it quick.
 * The default logs a line at the start, about every 10% and at the end.
 */
@FunctionalInterface
public interface DownloadProgress {
    /**
     * @param url the file being downloaded
     * @param done bytes on disk so far, including those of an earlier, interrupted download
     * @param total the file's size in bytes, or -1 when the server does not say
     */
    void progress(String url, long done, long total);
}
