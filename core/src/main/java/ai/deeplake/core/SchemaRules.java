package ai.deeplake.core;

import ai.deeplake.api.ColumnType;
import ai.deeplake.api.IngestError;
import ai.deeplake.api.Schema;
import ai.deeplake.api.Schema.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What an append may bring to an existing table, the same for every backend. */
public final class SchemaRules {
    private SchemaRules() {}

    /**
     * Checks incoming columns against a table's.
     *
     * @return the incoming columns the table lacks (they are added, nullable)
     * @throws IngestError naming the column and both types when one does not fit
     */
    public static List<Column> checkAppend(String table, List<Column> existing, Schema incoming) {
        List<Column> missing = new ArrayList<>();
        for (Column c : incoming.columns()) {
            Optional<Column> have = existing.stream().filter(e -> e.name().equalsIgnoreCase(c.name())).findFirst();
            if (have.isEmpty()) {
                missing.add(c);
            } else if (!accepts(have.get(), c)) {
                throw new IngestError("Incompatible schema for table '" + table + "': column '" + c.name() + "' is "
                        + have.get().typeName() + " in the table but " + c.typeName() + " in the data");
            }
        }
        return missing;
    }

    /**
     * Same kind of value (text, integer, bytes, vector...), numeric widening (integers into floats,
     * FLOAT32 into FLOAT64), and equal vector sizes where both are known.
     */
    static boolean accepts(Column table, Column data) {
        ColumnType.Kind t = table.type().kind();
        ColumnType.Kind d = data.type().kind();
        if (t == d) {
            return !(t == ColumnType.Kind.VECTOR && table.size() > 0 && data.size() > 0 && table.size() != data.size());
        }
        boolean intoFloat = t == ColumnType.Kind.FLOAT64 || t == ColumnType.Kind.FLOAT32;
        return intoFloat && (d == ColumnType.Kind.INTEGER || (t == ColumnType.Kind.FLOAT64 && d == ColumnType.Kind.FLOAT32));
    }
}
