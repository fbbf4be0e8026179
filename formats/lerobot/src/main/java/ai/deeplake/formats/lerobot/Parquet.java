package ai.deeplake.formats.lerobot;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.duckdb.DuckDBDriver;

/**
 * Parquet through the host's DuckDB: an in-memory database whose results stream, so a chunk of
 * frames is never held whole, neither in Java nor in DuckDB.
 */
final class Parquet {
    private Parquet() {}

    /**
     * Opens an in-memory DuckDB. The driver is called directly: {@code DriverManager} looks drivers up
     * through the context class loader, which inside a plugin may not see the host's DuckDB.
     */
    static Connection open() throws SQLException {
        Properties config = new Properties();
        config.setProperty("jdbc_stream_results", "true");
        return new DuckDBDriver().connect("jdbc:duckdb:", config);
    }

    /** @return a DuckDB list literal of the files, for {@code read_parquet(...)} */
    static String files(List<Path> files) {
        return files.stream().map(f -> "'" + f.toString().replace("'", "''") + "'").collect(Collectors.joining(", ", "[", "]"));
    }

    /** @return the column names (nested ones too) of each file, by the file's path as given */
    static Map<String, Set<String>> columns(Connection db, List<Path> files) throws SQLException {
        Map<String, Set<String>> byFile = new HashMap<>();
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT file_name, name FROM parquet_schema(" + files(files) + ")")) {
            while (rs.next()) {
                byFile.computeIfAbsent(rs.getString(1), f -> new HashSet<>()).add(rs.getString(2));
            }
        }
        return byFile;
    }
}
