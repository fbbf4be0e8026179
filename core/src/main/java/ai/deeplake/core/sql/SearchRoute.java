package ai.deeplake.core.sql;

/**
 * How a top-k search statement, {@code SELECT ... FROM t [WHERE ...] ORDER BY <search> DESC LIMIT k},
 * can be answered from search indexes: the indexes name candidate rows, the statement (restricted to
 * them) filters, scores and orders them exactly.
 *
 * @param kind which search orders the rows
 * @param table the table searched (unquoted)
 * @param vector the vector search ({@link Kind#VECTOR} and {@link Kind#HYBRID}); null otherwise
 * @param text the text search ({@link Kind#TEXT} and {@link Kind#HYBRID}); null otherwise
 * @param limit {@code k}, the rows wanted
 * @param offset rows skipped before them ({@code OFFSET}), 0 when none
 */
public record SearchRoute(Kind kind, String table, VectorSearch vector, TextSearch text, long limit, long offset) {

    /** The search that orders the rows. */
    public enum Kind {
        /** {@code embedding <#> vector}: cosine similarity. */
        VECTOR,
        /** {@code text <#> 'query'}: BM25. */
        TEXT,
        /** {@code (embedding, text)::deeplake_hybrid_record <#> deeplake_hybrid_record(...)}. */
        HYBRID
    }

    /** @return this route for another call's values of the statement's parameters */
    SearchRoute bind(QueryParams values) {
        return new SearchRoute(kind, table, vector == null ? null : vector.bind(values), text == null ? null : text.bind(values),
                limit, offset);
    }

    /** @return the rows the statement must find before its {@code OFFSET} and {@code LIMIT}: {@code offset + limit} */
    public long needed() {
        return offset + limit;
    }
}
