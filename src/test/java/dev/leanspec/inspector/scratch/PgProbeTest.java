package dev.leanspec.inspector.scratch;

import dev.leanspec.inspector.demo.GeneratedDatabases;
import dev.leanspec.inspector.persistence.PageKey;
import dev.leanspec.inspector.persistence.PageRequest;
import dev.leanspec.inspector.persistence.PostgresUrl;
import dev.leanspec.inspector.persistence.consolidate.ConsolidateOptions;
import dev.leanspec.inspector.persistence.consolidate.Consolidation;
import dev.leanspec.inspector.persistence.consolidate.PostgresCopy;
import dev.leanspec.inspector.persistence.internal.Postgres;
import dev.leanspec.inspector.persistence.sessions.*;
import dev.leanspec.inspector.testing.PostgresServer;

import java.nio.file.*;
import java.sql.*;
import java.util.*;
import java.util.function.*;
import org.junit.jupiter.api.Test;

class PgProbeTest {
    static double median(int n, Runnable r) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) { long s = System.nanoTime(); r.run(); t[i] = (System.nanoTime() - s) / 1e6; }
        Arrays.sort(t); return t[n / 2];
    }
    interface Sql { void run() throws Exception; }
    static Runnable u(Sql s) { return () -> { try { s.run(); } catch (Exception e) { throw new RuntimeException(e); } }; }
    static void rows(Connection db, String sql) throws Exception {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int c = rs.getMetaData().getColumnCount(); while (rs.next()) for (int i = 1; i <= c; i++) rs.getObject(i);
        }
    }
    @Test
    void probe() throws Exception {
        Path dir = Path.of("/tmp/pgprobe");
        Path source = dir.resolve("leanspec.db");
        String urlText = Files.exists(dir.resolve("url")) ? Files.readString(dir.resolve("url")) : null;
        PostgresUrl url;
        if (urlText == null) {
            Files.createDirectories(dir);
            var files = GeneratedDatabases.write(dir.resolve("gen"), GeneratedDatabases.Volumes.scale(0.05), 7, s -> {});
            Consolidation.of(List.of(dir.resolve("gen/sessions.db"), dir.resolve("gen/chat.db")), source).run(ConsolidateOptions.safe().forced());
            url = PostgresUrl.parse(PostgresServer.shared().newDatabase());
            PostgresCopy.of(List.of(source), url).run();
            Files.writeString(dir.resolve("url"), url.jdbcUrl());
        } else {
            url = PostgresUrl.parse(PostgresServer.shared().newDatabase());
            PostgresCopy.of(List.of(source), url).run();
        }
        try (Connection w = Postgres.connect(url, false); Statement st = w.createStatement()) { if (System.getenv("ANALYZE") != null) st.execute("ANALYZE"); }
        try (SessionStore store = SessionStore.openReadOnly(url); Connection db = Postgres.connect(url, true)) {
            SessionQuery completed = SessionQuery.all().withStatuses(Set.of(new SessionStatus("completed")));
            String first = "SELECT * FROM sessions WHERE status = 'completed' ORDER BY created_at DESC, id DESC LIMIT 101";
            String lateral = "SELECT s.*, f.spec_id FROM sessions s LEFT JOIN LATERAL (SELECT spec_id FROM session_specs p WHERE p.session_id = s.id ORDER BY position, spec_id LIMIT 1) f ON true WHERE status = 'completed' ORDER BY created_at DESC, id DESC LIMIT 101";
            String firstSpec = "SELECT s.*, (SELECT spec_id FROM session_specs p WHERE p.session_id = s.id ORDER BY position, spec_id LIMIT 1) FROM sessions s WHERE status = 'completed' ORDER BY created_at DESC, id DESC LIMIT 101";
            for (int k = 0; k < 3; k++) {
                System.out.printf("12a store %.3f jdbc %.3f jdbc+spec %.3f%n",
                        median(300, () -> store.list(completed, PageRequest.first(100))),
                        median(300, u(() -> rows(db, first))), median(300, u(() -> rows(db, firstSpec))));
                System.out.printf("12a lateral %.3f%n", median(300, u(() -> rows(db, lateral))));
                long deep;
                try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT id FROM session_events ORDER BY id OFFSET (SELECT count(*) * 9 / 10 FROM session_events) LIMIT 1")) { rs.next(); deep = rs.getLong(1); }
                PageRequest dp = new PageRequest(100, PageKey.of(deep));
                System.out.printf("12b prepared %.3f%n", median(300, u(() -> { try (PreparedStatement ps = db.prepareStatement("SELECT id, session_id, event_type, data, timestamp FROM session_events WHERE id > ? ORDER BY id LIMIT ?")) { ps.setLong(1, deep); ps.setInt(2, 101); try (ResultSet rs = ps.executeQuery()) { int c = rs.getMetaData().getColumnCount(); while (rs.next()) for (int i = 1; i <= c; i++) rs.getObject(i);} } })));
                var dsl = org.jooq.impl.DSL.using(db, org.jooq.SQLDialect.POSTGRES, new org.jooq.conf.Settings().withExecuteLogging(false).withRenderSchema(false));
                var E = dev.leanspec.inspector.persistence.internal.schema.sessions.Tables.SESSION_EVENTS;
                System.out.printf("12b jooq fetch %.3f%n", median(300, () -> dsl.selectFrom(E).where(E.ID.gt(deep)).orderBy(E.ID).limit(101).fetch()));
                System.out.printf("12b jooq render %.3f%n", median(300, () -> dsl.selectFrom(E).where(E.ID.gt(deep)).orderBy(E.ID).limit(101).getSQL()));
                System.out.printf("12b store %.3f jdbc %.3f%n", median(300, () -> store.events(new EventQuery(null, Set.of()), dp)),
                        median(300, u(() -> rows(db, "SELECT * FROM session_events WHERE id > " + deep + " ORDER BY id LIMIT 101"))));
            }
        }
    }
}
