package ai.deeplake.core.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.BitSet;
import org.duckdb.DuckDBReadableVector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The native memory of a DuckDB data-chunk vector, for copying a run of fixed-width values with one
 * bulk copy. DuckDB JDBC 2.0's {@link DuckDBReadableVector} only has per-value getters, each checking
 * the type, the row index and the validity mask again (two thirds of the time a batch read takes),
 * and no bulk getter; its {@code data} and {@code validity} buffers are private. They are read here
 * through a var handle found once; with a driver that does not have them (or a module system that
 * closes them) {@link #available()} is false and the per-value getters are used.
 */
final class VectorMemory {
    private static final Logger LOG = LoggerFactory.getLogger(VectorMemory.class);
    private static final VarHandle DATA = field("data");
    private static final VarHandle VALIDITY = field("validity");

    private VectorMemory() {}

    private static VarHandle field(String name) {
        try {
            return MethodHandles.privateLookupIn(DuckDBReadableVector.class, MethodHandles.lookup())
                    .findVarHandle(DuckDBReadableVector.class, name, ByteBuffer.class);
        } catch (ReflectiveOperationException | RuntimeException unavailable) {
            LOG.info("DuckDB JDBC's vector field '{}' cannot be read ({}); query results are read value by value, which is slower",
                    name, unavailable.toString());
            return null;
        }
    }

    /** @return whether vectors' memory can be read in bulk */
    static boolean available() {
        return DATA != null && VALIDITY != null;
    }

    /** @return the vector's values, one after the other in native byte order */
    static ByteBuffer data(DuckDBReadableVector v) {
        return (ByteBuffer) DATA.get(v);
    }

    /**
     * Marks the null rows among the vector's rows {@code [from, from + count)} in {@code nulls}, at
     * {@code row} on.
     *
     * @return whether any was null
     */
    static boolean markNulls(DuckDBReadableVector v, int from, int count, BitSet nulls, int row) {
        ByteBuffer validity = (ByteBuffer) VALIDITY.get(v);
        if (validity == null) {
            // DuckDB leaves out the mask of a vector without nulls.
            return false;
        }
        boolean any = false;
        for (int i = from; i < from + count; i++) {
            long word = validity.getLong((i >>> 6) << 3);
            if (word == -1L) {
                i |= 63;
                continue;
            }
            if ((word & (1L << (i & 63))) == 0) {
                nulls.set(row + i - from);
                any = true;
            }
        }
        return any;
    }
}
