/**
 * The text plugin ({@code deeplake-plugin-text}): a {@link ai.deeplake.api.Chunker} that cuts
 * {@code .txt .md .csv .json .xml .html} files into overlapping chunks of code points, streaming, with
 * strict decoding.
 */
package ai.deeplake.plugin.text;
