package dev.leanspec.inspector.persistence.runners;

import static dev.leanspec.inspector.persistence.internal.schema.leanspec.Tables.RUNNERS;

import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.Page;
import dev.leanspec.inspector.persistence.PageKey;
import dev.leanspec.inspector.persistence.PageRequest;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PostgresUrl;
import dev.leanspec.inspector.persistence.Timestamp;
import dev.leanspec.inspector.persistence.internal.Keyset;
import dev.leanspec.inspector.persistence.internal.OpenDatabase;

import java.nio.file.Path;
import java.util.List;

import org.jooq.Record;
import org.jooq.SortField;

/**
 * The runner configurations of a {@code leanspec.db} (LeanSpec 0.2.27+), read-only: scope,
 * project, id, whether default, and the configuration as LeanSpec stored it. A leanspec.db of
 * 0.2.25–0.2.26 has no runners table; it reads as having no runners.
 *
 * <p>One store holds one connection and is not thread-safe; {@link #cancel()} may be called from
 * any thread.
 */
public final class RunnerStore implements AutoCloseable {

    private static final List<SortField<?>> ORDER = List.of(RUNNERS.SCOPE.asc(), RUNNERS.PROJECT_PATH.asc(), RUNNERS.RUNNER_ID.asc());

    private final OpenDatabase db;

    private RunnerStore(OpenDatabase db) {
        this.db = db;
    }

    /**
     * Opens a leanspec.db (in whatever shape LeanSpec left it) or a PostgreSQL database for
     * reading only.
     *
     * @param location an existing leanspec.db, or a database
     * @return a read-only store; close it when done
     * @throws PersistenceException when it is missing, not a database, of no known shape, or
     *                              not a leanspec.db
     */
    public static RunnerStore openReadOnly(Location location) {
        return new RunnerStore(OpenDatabase.readOnly(location, DatabaseKind.LEANSPEC));
    }

    /** {@return where the database this store reads is} */
    public Location location() {
        return db.location();
    }

    /** {@return the file's path, or the PostgreSQL URL without its password} */
    public String where() {
        return db.where();
    }

    /** {@return whether the file has a runners table at all (LeanSpec 0.2.27+)} */
    public boolean hasRunners() {
        return db.columns().has(RUNNERS);
    }

    /**
     * One page of runners, by scope, project and id. Empty when the file has no runners table.
     *
     * @param page where to start and how many
     * @return the page; empty items when the file has no runners table
     */
    public Page<Runner> list(PageRequest page) {
        if (!hasRunners()) {
            return new Page<>(List.of(), null);
        }
        return db.read("list runners of", dsl -> {
            var ordered = dsl.selectFrom(RUNNERS).orderBy(ORDER);
            var rows = page.after() == null
                    ? ordered.limit(Keyset.fetchSize(page)).fetch()
                    : ordered.seek(Keyset.seekValues(page, 3)).limit(Keyset.fetchSize(page)).fetch();
            return Keyset.page(rows.map(RunnerStore::toRunner), page, r -> PageKey.of(r.scope(), r.projectPath(), r.id()));
        });
    }

    /** {@return how many runners the file holds (0 without a runners table)} */
    public long count() {
        return hasRunners() ? db.read("count runners of", dsl -> (long) dsl.fetchCount(RUNNERS)) : 0;
    }

    /** Stops the query running on this store (from another thread); it fails with CANCELLED. */
    public void cancel() {
        db.cancel();
    }

    @Override
    public void close() {
        db.close();
    }

    private static Runner toRunner(Record r) {
        return new Runner(r.get(RUNNERS.SCOPE), r.get(RUNNERS.PROJECT_PATH), r.get(RUNNERS.RUNNER_ID), r.get(RUNNERS.CONFIG_JSON),
                r.get(RUNNERS.IS_DEFAULT) != 0, new Timestamp(r.get(RUNNERS.CREATED_AT)), new Timestamp(r.get(RUNNERS.UPDATED_AT)));
    }
}
