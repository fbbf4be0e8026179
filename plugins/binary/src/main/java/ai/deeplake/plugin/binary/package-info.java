/**
 * The binary plugin ({@code deeplake-plugin-binary}): the fallback {@link ai.deeplake.api.Chunker}
 * that stores any file no other chunker claims as one row holding its bytes.
 */
package ai.deeplake.plugin.binary;
