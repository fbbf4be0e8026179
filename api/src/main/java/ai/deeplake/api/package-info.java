/**
 * What a Deeplake plugin author compiles against: the {@link ai.deeplake.api.Chunker} and
 * {@link ai.deeplake.api.Format} extension points, the value types they exchange with the engine
 * ({@link ai.deeplake.api.Batch}, {@link ai.deeplake.api.Schema}, {@link ai.deeplake.api.ColumnType},
 * {@link ai.deeplake.api.IngestSettings}) and the SDK's unchecked error classes, rooted at
 * {@link ai.deeplake.api.ManagedServiceError}.
 */
package ai.deeplake.api;
