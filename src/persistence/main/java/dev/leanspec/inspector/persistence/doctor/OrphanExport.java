package dev.leanspec.inspector.persistence.doctor;

import dev.leanspec.inspector.persistence.internal.LeanSpecFacts;
import dev.leanspec.inspector.persistence.migration.Orphans;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.tools.json.JSONValue;

/**
 * Orphan rows written out, every column, before they are deleted: what is left of deleted
 * sessions' and conversations' history is the user's, and a JSON file opens anywhere.
 */
final class OrphanExport {

    private OrphanExport() {
    }

    /** {@return the condition that picks {@code table}'s rows whose parent ({column, parent table}) is gone} */
    static String orphan(String table, String[] parent) {
        return "NOT EXISTS (SELECT 1 FROM \"" + parent[1] + "\" AS p WHERE p.id = \"" + table + "\".\"" + parent[0] + "\")";
    }

    /**
     * Writes {@code {"file", "exported", "tables": {"<table>": [{"<column>": value, …}, …], …}}} to
     * {@code out}, forced to the disk before it returns (the rows are deleted next).
     *
     * @return how many rows of each table it wrote
     * @throws UncheckedIOException when {@code out} cannot be written
     * @throws SQLException when the rows cannot be read
     */
    static Map<String, Long> write(Connection db, List<Orphans> orphans, Path file, Instant at, Path out) throws SQLException {
        Map<String, Long> written = new LinkedHashMap<>();
        try (Writer json = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            json.write("{\"file\": " + JSONValue.toJSONString(file.toString()) + ", \"exported\": " + JSONValue.toJSONString(at.toString())
                    + ", \"tables\": {");
            String tableComma = "";
            for (Orphans o : orphans) {
                String[] parent = LeanSpecFacts.parentOf(o.table()).orElseThrow();
                json.write(tableComma + "\n  " + JSONValue.toJSONString(o.table()) + ": [");
                tableComma = ",";
                long rows = 0;
                // Plain JDBC: SQLite's values as they are stored (jOOQ's plain SQL typed an INTEGER column as int and cut
                // a millisecond time to 32 bits).
                try (Statement select = db.createStatement(); ResultSet row = select.executeQuery("SELECT * FROM \"" + o.table()
                        + "\" WHERE " + orphan(o.table(), parent) + " ORDER BY rowid")) {
                    ResultSetMetaData columns = row.getMetaData();
                    while (row.next()) {
                        StringBuilder object = new StringBuilder(rows == 0 ? "\n    {" : ",\n    {");
                        for (int c = 1; c <= columns.getColumnCount(); c++) {
                            object.append(c == 1 ? "" : ", ").append(JSONValue.toJSONString(columns.getColumnLabel(c))).append(": ")
                                    .append(value(row.getObject(c)));
                        }
                        json.write(object.append('}').toString());
                        rows++;
                    }
                }
                json.write(rows == 0 ? "]" : "\n  ]");
                written.put(o.table(), rows);
            }
            json.write("\n}}\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (FileChannel channel = FileChannel.open(out, StandardOpenOption.WRITE)) {
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return written;
    }

    /** {@return a column's value in JSON: text, number or null as stored; a blob as its bytes in Base64} */
    private static String value(Object stored) {
        return JSONValue.toJSONString(stored instanceof byte[] blob ? Base64.getEncoder().encodeToString(blob) : stored);
    }
}
