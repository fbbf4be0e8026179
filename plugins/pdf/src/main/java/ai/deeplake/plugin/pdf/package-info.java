/**
 * The PDF plugin ({@code deeplake-plugin-pdf}): a {@link ai.deeplake.api.Chunker} that turns each page
 * of a {@code .pdf} file into a row holding the page rendered to PNG and its text, with PDFBox,
 * rendering the pages of a file in parallel and handing them on in order.
 */
package ai.deeplake.plugin.pdf;
