/**
 * The SQL translator: one statement of PostgreSQL with pg_deeplake's extensions in, DuckDB SQL out,
 * through a real parser (JSqlParser). {@link ai.deeplake.core.sql.SqlTranslator} is the entry point;
 * everything else in the package is its parts.
 */
package ai.deeplake.core.sql;
