/**
 * The HuggingFace format plugin ({@code deeplake-format-huggingface}): {@link ai.deeplake.formats.huggingface.HuggingFace}
 * turns a Hub dataset into table rows. It lists the dataset's Parquet files through the Hub API,
 * downloads them (resumably) into a cache, and reads them with DuckDB, mapping the dataset's
 * features (Image, ClassLabel, float sequences...) to Deeplake column types.
 */
package ai.deeplake.formats.huggingface;
