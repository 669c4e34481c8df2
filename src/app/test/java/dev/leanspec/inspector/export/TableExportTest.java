package dev.leanspec.inspector.export;

import dev.leanspec.inspector.persistence.Location;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.persistence.Timestamp;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.persistence.sessions.SessionDetail;
import dev.leanspec.inspector.persistence.sessions.SessionMode;
import dev.leanspec.inspector.persistence.sessions.SessionQuery;
import dev.leanspec.inspector.persistence.sessions.SessionStatus;
import dev.leanspec.inspector.persistence.sessions.SessionStore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableExportTest {

    @TempDir
    Path dir;

    private SessionStore storeWith(int count) {
        SessionStore store = SessionStore.open(Location.of(dir.resolve("sessions.db")));
        for (int i = 0; i < count; i++) {
            Timestamp at = Timestamp.of(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i));
            store.insert(SessionDetail.of(new Session("s" + i, "/p, \"quoted\"\nnext line", null, "claude", SessionMode.GUIDED,
                    i % 2 == 0 ? SessionStatus.FAILED : SessionStatus.COMPLETED, null, at, null, null, (long) i, at, at,
                    i == 0 ? "prompt with ü" : null)));
        }
        return store;
    }

    @Test
    void csvHasEveryFilteredRowAcrossPagesQuotedPerRfc4180() throws Exception {
        try (SessionStore store = storeWith(4_500)) {
            Path csv = dir.resolve("out.csv");
            long count = TableExport.sessions(store, SessionQuery.all().withStatuses(Set.of(SessionStatus.FAILED)), csv, TableExport.Format.CSV);

            assertThat(count).isEqualTo(2_250);
            String text = Files.readString(csv);
            assertThat(text).startsWith("id,project_path,spec_id,runner,mode,status,");
            // Rows end in CRLF; the embedded LF inside a quoted field does not end a row.
            assertThat(text.split("\r\n", -1)).hasSize(1 + 2_250 + 1);
            assertThat(text).contains("\"/p, \"\"quoted\"\"\nnext line\"").contains("prompt with ü");
            try (var files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains("partial"));
            }
        }
    }

    @Test
    void jsonIsAnArrayOfObjectsWithNullsAndNumbers() throws Exception {
        try (SessionStore store = storeWith(3)) {
            Path json = dir.resolve("out.json");
            assertThat(TableExport.Format.forFile(json)).isEqualTo(TableExport.Format.JSON);
            TableExport.sessions(store, SessionQuery.all(), json, TableExport.Format.JSON);

            JsonNode rows = new ObjectMapper().readTree(json.toFile());
            assertThat(rows).hasSize(3);
            assertThat(rows.get(0).get("id").asText()).isEqualTo("s2");
            assertThat(rows.get(0).get("token_count").asLong()).isEqualTo(2);
            assertThat(rows.get(0).get("ended_at").isNull()).isTrue();
            assertThat(rows.get(2).get("prompt").asText()).isEqualTo("prompt with ü");
        }
    }

    @Test
    void blobsOfAnyTableAreWrittenInHexNotAsAJavaObjectsName() throws Exception {
        for (TableExport.Format format : TableExport.Format.values()) {
            java.io.StringWriter out = new java.io.StringWriter();
            try (TableExport.RowWriter writer = TableExport.writer(out, format, java.util.List.of("b"))) {
                writer.row(java.util.List.of(new byte[] {0x0a, (byte) 0xff}));
            }
            assertThat(out.toString()).as(format.name()).contains("0aff").doesNotContain("[B@");
        }
    }
}
