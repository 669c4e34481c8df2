package dev.leanspec.inspector.gui.main;

import dev.leanspec.inspector.gui.common.Browser;
import dev.leanspec.inspector.gui.dashboard.DashboardViewModel;
import dev.leanspec.inspector.gui.health.HealthViewModel;
import dev.leanspec.inspector.gui.migrations.MigrationsViewModel;
import dev.leanspec.inspector.persistence.migration.MigrationService;

import java.util.List;

/**
 * What an open file's kind gives it beyond its tables (Tables, Schema and SQL, which every file
 * has), decided once when it opens: a LeanSpec file's migrations, browsers and dashboard, or
 * nothing more for a file of no known kind.
 */
public sealed interface FileTabs {

    /** {@return the tabs that browse its rows, in the order they are shown; empty for a file of no known kind} */
    List<Browser> browsers();

    /**
     * A sessions.db, chat.db or leanspec.db (or a PostgreSQL database holding one).
     *
     * @param browsers Sessions, Conversations, Runners: whichever the kind holds, in that order
     * @param health   what {@code doctor} finds in it
     */
    record LeanSpec(MigrationService service, MigrationsViewModel migrations, List<Browser> browsers,
                    DashboardViewModel dashboard, HealthViewModel health) implements FileTabs {
        public LeanSpec {
            browsers = List.copyOf(browsers);
        }
    }

    /** A SQLite file of no known kind: its tables only. */
    record TablesOnly() implements FileTabs {
        @Override
        public List<Browser> browsers() {
            return List.of();
        }
    }
}
