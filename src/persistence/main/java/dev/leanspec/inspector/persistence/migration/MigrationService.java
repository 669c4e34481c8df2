package dev.leanspec.inspector.persistence.migration;

import dev.leanspec.inspector.persistence.DatabaseInfo;
import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PersistenceException.Reason;
import dev.leanspec.inspector.persistence.PostgresUrl;
import dev.leanspec.inspector.persistence.internal.Backend;
import dev.leanspec.inspector.persistence.internal.Backups;
import dev.leanspec.inspector.persistence.internal.Failures;
import dev.leanspec.inspector.persistence.internal.FileUsers;
import dev.leanspec.inspector.persistence.internal.LeanSpecFacts;
import dev.leanspec.inspector.persistence.internal.Migrations;
import dev.leanspec.inspector.persistence.internal.OneTransaction;
import dev.leanspec.inspector.persistence.internal.Postgres;
import dev.leanspec.inspector.persistence.internal.SchemaSnapshot;
import dev.leanspec.inspector.persistence.internal.ShapeDetector;
import dev.leanspec.inspector.persistence.internal.ShapeDetector.Detection;
import dev.leanspec.inspector.persistence.internal.SqliteFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.callback.BaseCallback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;

/**
 * The front door for a file's schema: what it is ({@link #status()}), what migrating would do
 * ({@link #plan()}), doing it safely ({@link #migrate}), and checking the history
 * ({@link #validate()}).
 *
 * <p>Only {@code migrate} writes, and only after it has checked that the file is not in use, is
 * intact, has room for a backup, and (for a legacy file) that adoption was confirmed. All pending
 * versions run in one transaction: a failure leaves the file as it was.
 *
 * <p>Instances are immutable and cheap; each call opens and closes its own connections.
 */
public final class MigrationService {

    private final Backend backend;
    private final DatabaseKind kind;
    private final Clock clock;

    private MigrationService(Backend backend, DatabaseKind kind, Clock clock) {
        this.backend = backend;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A service for a file, which should be a database of {@code kind} (see {@link #detectKind}),
     * or for a PostgreSQL database (the URL's schema) which holds or will hold a {@code kind}'s
     * tables: the same versions as on SQLite, from the PostgreSQL chain. There are no legacy
     * shapes there (LeanSpec's own PostgreSQL support came with its sqlx era), so a schema is
     * empty, managed, newer, or unknown; its backups are the DBA's ({@code pg_dump}).
     *
     * @param location where the database is
     * @param kind what it holds: {@code LEANSPEC} for what LeanSpec's databaseUrl holds
     * @return a service for it; nothing is read before it is asked
     */
    public static MigrationService of(Location location, DatabaseKind kind) {
        return of(location, kind, Clock.systemUTC());
    }

    /** The same, with the clock that names backups: a test's seam, not API. */
    static MigrationService of(Location location, DatabaseKind kind, Clock clock) {
        return new MigrationService(Backend.of(location), kind, clock);
    }

    /** {@return where the database is} */
    public Location location() {
        return backend.location();
    }

    /** {@return what messages call the database: the file's path, or the URL without its password} */
    public String where() {
        return backend.where();
    }

    /** The file, in this class's SQLite paths (each reached only after a switch over the backend). */
    private Path file() {
        return ((Backend.Sqlite) backend).file();
    }

    /** The database, in this class's PostgreSQL paths. */
    private PostgresUrl url() {
        return ((Backend.Postgresql) backend).url();
    }


    /** {@return what the file holds} */
    public DatabaseKind kind() {
        return kind;
    }

    /**
     * Reads the file's shape, history and pending versions. Never writes and never creates the
     * file.
     *
     * @return the file's shape, versions, pending migrations and problems
     * @throws PersistenceException when the file is missing, unreadable or not a database
     */
    public DatabaseStatus status() {
        return status(true);
    }

    /** The same status with Flyway reading every history (the one {@link QuickHistory} is compared with). */
    DatabaseStatus statusThroughFlyway() {
        return status(false);
    }

    private DatabaseStatus status(boolean quick) {
        if (backend instanceof Backend.Postgresql) {
            return postgresStatus();
        }
        Detection detection;
        List<LeanSpecMigration> history;
        Optional<List<MigrationRow>> quickRows = Optional.empty();
        try (Connection connection = SqliteFiles.openReadOnly(file())) {
            detection = ShapeDetector.detect(connection, kind);
            history = LeanSpecFacts.sqlxHistory(connection, detection.schema());
            if (quick && detection.shape() == Shape.MANAGED) {
                quickRows = QuickHistory.rows(connection, kind);
            }
        } catch (SQLException e) {
            throw Failures.translate(file(), "read the schema of", e);
        }
        boolean leftover = file().getFileName().toString().endsWith(".db.migrated");
        // Renamed by LeanSpec 0.2.25+'s import or by consolidate, which renames its sources the same way.
        String note = leftover
                ? "Its rows were imported into leanspec.db and it was renamed .migrated: LeanSpec no longer reads or writes it, "
                        + "and it is kept as it was."
                : null;
        DatabaseStatus status;
        if (quickRows.isPresent()) {
            status = quickManagedStatus(quickRows.get());
        } else if (quick && detection.shape().isLegacy()) {
            // No history to read: every script is pending, as Flyway would list them.
            status = legacyStatus(detection.shape(), QuickHistory.unapplied(kind), Integer.toString(Migrations.latest(kind)));
        } else {
            status = schemaStatus(detection);
        }
        return leftover ? status.asLeftover(note, history) : status.with(history, List.of(), note);
    }

    /** A managed file whose history {@link QuickHistory} read: in order, nothing newer, nothing to report. */
    private DatabaseStatus quickManagedStatus(List<MigrationRow> rows) {
        String current = null;
        List<String> pending = new ArrayList<>();
        for (MigrationRow row : rows) {
            if (row.isApplied()) {
                current = row.version();
            } else if (row.state().equals(MigrationState.PENDING.name())) {
                pending.add(row.version());
            }
        }
        return managedStatus(current, pending, rows, List.of(), Integer.toString(Migrations.latest(kind)));
    }

    /**
     * Rows whose session or conversation is gone, per table; empty when there are none (or the
     * file is of no known kind). A read of every child table's parent-id index, so it is asked for
     * on its own rather than with every {@link #status()} (a million log lines cost about 80 ms).
     *
     * @return the orphan rows per child table; empty when there are none
     * @throws PersistenceException when the file is missing, unreadable or not a database
     */
    public List<Orphans> orphans() {
        if (backend instanceof Backend.Postgresql) {
            try (Connection connection = Postgres.connect(url(), true)) {
                return LeanSpecFacts.orphans(connection, Postgres.schema(connection, url().schema()));
            } catch (SQLException e) {
                throw Postgres.translate(url(), "count the orphan rows of", e);
            }
        }
        try (Connection connection = SqliteFiles.openReadOnly(file())) {
            return LeanSpecFacts.orphans(connection, SchemaSnapshot.read(connection));
        } catch (SQLException e) {
            throw Failures.translate(file(), "count the orphan rows of", e);
        }
    }

    private DatabaseStatus schemaStatus(Detection detection) {
        String latest = Integer.toString(Migrations.latest(kind));
        if (detection.shape() == Shape.UNKNOWN) {
            return new DatabaseStatus(location(), kind, Shape.UNKNOWN, null, latest, List.of(), List.of(),
                    "Not a " + kind.fileName() + " shape this build knows: it will not be migrated.",
                    detection.differences());
        }
        // One Flyway for the history and, for a managed file, its validation.
        Flyway flyway = readOnlyFlyway();
        var info = flywayInfo(flyway);
        MigrationInfo[] all = info.all();
        return switch (detection.shape()) {
            case MANAGED -> managedStatus(flyway, all, info.current(), latest);
            case EMPTY -> new DatabaseStatus(location(), kind, Shape.EMPTY, null, latest, versions(all),
                    rows(all, Shape.MANAGED), "Empty file: migrate creates the " + kind.fileName() + " schema ("
                    + versionList(versions(all)) + ").", List.of());
            default -> legacyStatus(detection.shape(), flywayRows(all), latest);
        };
    }

    private DatabaseStatus managedStatus(Flyway flyway, MigrationInfo[] all, MigrationInfo current, String latest) {
        List<String> problems = new ArrayList<>();
        String newest = null;
        for (MigrationInfo migration : all) {
            MigrationState state = migration.getState();
            if (state == MigrationState.FUTURE_SUCCESS || state == MigrationState.FUTURE_FAILED) {
                newest = migration.getVersion().getVersion();
            }
        }
        String currentVersion = current == null || current.getVersion() == null ? null : current.getVersion().getVersion();
        if (newest != null) {
            return new DatabaseStatus(location(), kind, Shape.NEWER, currentVersion, latest, List.of(), rows(all, Shape.MANAGED),
                    "Migrated by a newer LeanSpec Inspector (version " + newest + "; this build knows up to "
                            + latest + "): it is left untouched. Use a newer build.",
                    List.of("history has version " + newest + ", newer than this build's " + latest));
        }
        problems.addAll(validationErrors(flyway));
        List<String> pending = new ArrayList<>();
        for (MigrationInfo migration : all) {
            if (migration.getState() == MigrationState.PENDING) {
                pending.add(migration.getVersion().getVersion());
            }
        }
        return managedStatus(currentVersion, pending, rows(all, Shape.MANAGED), problems, latest);
    }

    private DatabaseStatus managedStatus(String currentVersion, List<String> pending, List<MigrationRow> rows, List<String> problems,
                                         String latest) {
        String summary;
        if (!problems.isEmpty()) {
            summary = "The recorded history does not match this build's migrations: migrate is refused.";
        } else if (pending.isEmpty()) {
            summary = "Up to date at version " + currentVersion + ".";
        } else {
            summary = "At version " + (currentVersion == null ? "none" : currentVersion) + ": migrate runs "
                    + versionList(pending) + ".";
        }
        return new DatabaseStatus(location(), kind, Shape.MANAGED, currentVersion, latest, problems.isEmpty() ? pending : List.of(),
                rows, summary, problems);
    }

    /** An unversioned LeanSpec file's status, from {@code all}: this build's scripts as Flyway lists them for a file with no history. */
    private DatabaseStatus legacyStatus(Shape shape, List<MigrationRow> all, String latest) {
        int baseline = shape.baselineVersion();
        List<String> pending = new ArrayList<>();
        for (MigrationRow migration : all) {
            if (versionNumber(migration.version()) > baseline) {
                pending.add(migration.version());
            }
        }
        String summary = "Unversioned " + shape.label() + " " + kind.fileName() + " (as " + shape.writtenBy()
                + " left it): adopting it records version " + baseline + " as its baseline (your data is not changed), then migrate runs "
                + versionList(pending) + (shape.missingTables().isEmpty() ? "" : " (version " + shape.referenceVersion()
                + " adds only what it lacks: " + String.join(", ", new TreeSet<>(shape.missingTables())) + ")") + ".";
        return new DatabaseStatus(location(), kind, shape, baseline == 0 ? null : Integer.toString(baseline), latest, pending,
                rows(all, shape), summary, List.of());
    }

    /**
     * What {@code migrate} would do: the baseline adoption would record and each script with its
     * SQL. Writes nothing.
     *
     * @return the migrations that would run, with their SQL; empty when none
     */
    public MigrationPlan plan() {
        DatabaseStatus status = status();
        List<PlannedMigration> planned = new ArrayList<>();
        if (status.canMigrate()) {
            for (MigrationInfo migration : flywayInfo(readOnlyFlyway()).all()) {
                String version = migration.getVersion().getVersion();
                if (status.pending().contains(version)) {
                    planned.add(new PlannedMigration(version, migration.getDescription(), migration.getScript(),
                            Migrations.script(chain(), migration.getScript())));
                }
            }
        }
        String baseline = status.shape().isLegacy() ? Integer.toString(status.shape().baselineVersion()) : null;
        return new MigrationPlan(status, baseline, planned);
    }

    /**
     * Migrates the file to the newest version, safely:
     * <ol>
     *   <li>refuses unknown and newer files, histories that fail validation, and legacy files whose
     *       adoption was not confirmed;</li>
     *   <li>refuses when {@code quick_check} fails, when free disk is below twice the file's size,
     *       or when another process is writing;</li>
     *   <li>makes a backup next to the file and checks its row counts;</li>
     *   <li>records the baseline of a legacy file and runs every pending version in one
     *       transaction, committed only once the checks and the backup are done (in WAL mode
     *       it runs beside them); on failure nothing of it remains.</li>
     * </ol>
     * A file that is already up to date is not touched and no backup is made.
     *
     * @param options backup, adoption, force
     * @return what ran, and the backup's path
     * @throws PersistenceException when refused or failed; the file is then as it was
     * @throws PersistenceException naming the file and what to do, when refused or failed
     */
    public MigrationReport migrate(MigrateOptions options) {
        long started = System.nanoTime();
        DatabaseStatus status = status();
        refuseWhenNotMigratable(status, options);
        if (status.pending().isEmpty()) {
            return new MigrationReport(location(), kind, status.shape(), status.currentVersion(), status.currentVersion(),
                    null, List.of(), null, Duration.ofNanos(System.nanoTime() - started));
        }
        if (backend instanceof Backend.Postgresql) {
            return postgresMigrate(status, started);
        }
        checkFreeSpace();
        refuseInAFolderThatCannotBeWritten();
        refuseWhileInUse(options);

        Path backup = null;
        MigrateResult result;
        // The write lock is taken first and held to the commit: if LeanSpec holds it we stop here
        // having written nothing, and no write can slip in between the checks, the backup and
        // the migration. All of Flyway's work is this one transaction (OneTransaction says why).
        try (OneTransaction transaction = OneTransaction.begin(file())) {
            // The integrity check and the backup each read the whole file: on two cores they
            // run side by side, so a big file pays for the longer of the two, not the sum.
            CompletableFuture<List<String>> integrity = CompletableFuture.supplyAsync(this::integrityProblems);
            boolean backUp = options.backup() && status.shape() != Shape.EMPTY;
            if (backUp && transaction.writesOnlyTheLog() && SqliteFiles.rowsAllInTheFile(file())) {
                Migrated migrated = migrateBesideTheBackup(status, transaction, integrity);
                backup = migrated.backup();
                result = migrated.result();
            } else {
                try {
                    if (backUp) {
                        backup = Backups.createUnderWriteLock(file(), clock);
                    }
                } catch (RuntimeException backupFailed) {
                    refuseWhenDamaged(integrity, null);
                    throw backupFailed;
                }
                refuseWhenDamaged(integrity, backup);
                result = runFlyway(status, transaction);
            }
            transaction.commit();
        }
        List<AppliedMigration> applied = applied(result);
        String baseline = status.shape().isLegacy() ? Integer.toString(status.shape().baselineVersion()) : null;
        return new MigrationReport(location(), kind, status.shape(), status.shape() == Shape.EMPTY ? null : status.currentVersion(),
                result.targetSchemaVersion, baseline, applied, backup, Duration.ofNanos(System.nanoTime() - started));
    }

    private void refuseWhenNotMigratable(DatabaseStatus status, MigrateOptions options) {
        switch (status.shape()) {
            case UNKNOWN -> throw PersistenceException.of(Reason.UNKNOWN_SHAPE, location(),
                    "Will not migrate " + where() + ": it is not a " + kind.fileName() + " shape this build knows ("
                            + String.join("; ", status.problems()) + "). Nothing was changed.");
            case NEWER -> throw PersistenceException.of(Reason.NEWER_SCHEMA, location(),
                    "Will not migrate " + where() + ": " + String.join("; ", status.problems())
                            + ". Use a newer LeanSpec Inspector. Nothing was changed.");
            default -> {
            }
        }
        if (!status.problems().isEmpty()) {
            throw PersistenceException.of(Reason.VALIDATION_FAILED, location(),
                    "Will not migrate " + where() + ": its history does not match this build's migrations ("
                            + String.join("; ", status.problems()) + "). Nothing was changed.");
        }
        if (status.shape().isLegacy() && !options.adoptLegacy()) {
            throw PersistenceException.of(Reason.NEEDS_CONFIRMATION, location(),
                    where() + " is an unversioned " + status.shape().label() + " " + kind.fileName()
                            + ". Adopting it records version " + status.shape().baselineVersion()
                            + " as its baseline and then runs " + versionList(status.pending())
                            + ". Confirm to go ahead (CLI: --yes). Nothing was changed.");
        }
    }

    /** Refuses while another program (LeanSpec) has the file open or writes to it, unless forced. */
    private void refuseWhileInUse(MigrateOptions options) {
        if (!options.force()) {
            FileUsers.refuseWhileInUse(file(), "Migrating under a running LeanSpec breaks its next writes");
        }
    }

    private record Migrated(MigrateResult result, Path backup) {
    }

    /**
     * Migrates while the backup is made and the integrity checked, and commits only once both
     * are done and good. In WAL mode with an empty log the file does not change before the
     * commit (the migration writes to the log only, and nothing can checkpoint under our write
     * lock), so the copy of the file is the file as it was: a big file pays for the longest of
     * the three, not for the backup and then the migration (13.3 s against sqlite3's 8.2 s for
     * the bench's pair). Whatever fails, nothing is committed: the migration is rolled back as
     * before, and a backup made beside a failed migration is kept, as one made before it is.
     */
    private Migrated migrateBesideTheBackup(DatabaseStatus status, OneTransaction transaction, CompletableFuture<List<String>> integrity) {
        // A thread of its own: the common pool has one worker on two cores, and it runs the check.
        CompletableFuture<Path> copying = CompletableFuture.supplyAsync(() -> Backups.copyUnderWriteLock(file(), clock),
                task -> Thread.ofPlatform().name("leanspec-backup").start(task));
        MigrateResult result;
        try {
            result = runFlyway(status, transaction);
        } catch (RuntimeException failed) {
            // The copy relies on the write lock: it ends before the transaction does.
            Path made = copying.handle((backup, error) -> backup).join();
            // A damaged file says so, rather than how the migration tripped over it.
            refuseWhenDamaged(integrity, made);
            throw failed;
        }
        Path backup;
        try {
            backup = copying.join();
        } catch (CompletionException backupFailed) {
            refuseWhenDamaged(integrity, null);
            throw backupFailed.getCause() instanceof RuntimeException known ? known : backupFailed;
        }
        refuseWhenDamaged(integrity, backup);
        return new Migrated(result, backup);
    }

    /** {@code quick_check}'s complaints about the file; empty when it is intact. */
    private List<String> integrityProblems() {
        try (Connection connection = SqliteFiles.openReadOnly(file())) {
            return Backups.quickCheck(connection);
        } catch (SQLException e) {
            throw Failures.translate(file(), "check the integrity of", e);
        }
    }

    /** Waits for the integrity check; when it failed, deletes the backup just made and refuses. */
    private void refuseWhenDamaged(CompletableFuture<List<String>> integrity, Path backup) {
        List<String> problems;
        try {
            problems = integrity.join();
        } catch (CompletionException e) {
            Migrations.deleteWithSidecars(backup);
            throw e.getCause() instanceof PersistenceException known ? known : Failures.translate(file(), "check the integrity of", e.getCause());
        }
        if (!problems.isEmpty()) {
            Migrations.deleteWithSidecars(backup);
            throw PersistenceException.of(Reason.CORRUPT, location(),
                    "Will not migrate " + file() + ": SQLite's integrity check failed (" + String.join("; ", problems)
                            + "). Restore it from a backup or recover its rows into a new file with " + Failures.recoverCommand(file())
                            + ". Nothing was changed.");
        }
    }

    /** A migration writes the file and beside it: its backup, and SQLite's journal or WAL index. */
    private void refuseInAFolderThatCannotBeWritten() {
        Path folder = file().toAbsolutePath().getParent();
        if (folder != null && !Files.isWritable(folder)) {
            throw PersistenceException.of(Reason.READ_ONLY, location(), "Will not migrate " + file() + ": its folder cannot be written "
                    + "(permission denied), and a migration writes its backup and SQLite's journal beside the file. Make " + folder
                    + " writable, or copy the file to a writable folder and migrate the copy. Nothing was changed.");
        }
        if (!Files.isWritable(file())) {
            throw PersistenceException.of(Reason.READ_ONLY, location(), "Will not migrate " + file() + ": the file cannot be written "
                    + "(permission denied). Make it writable (chmod u+w), or migrate a copy. Nothing was changed.");
        }
    }

    private void checkFreeSpace() {
        long size = SqliteFiles.sizeWithWal(file());
        try {
            long free = Files.getFileStore(file()).getUsableSpace();
            if (free < 2 * size) {
                throw PersistenceException.of(Reason.DISK_FULL, location(),
                        "Will not migrate " + file() + ": it needs " + (2 * size) + " bytes free next to it (backup and "
                                + "migration), but only " + free + " are. Free some space and retry. Nothing was changed.");
            }
        } catch (IOException e) {
            throw PersistenceException.of(Reason.FAILED, location(), "Could not measure the free space next to " + file() + ": " + e.getMessage(), e);
        }
    }

    private MigrateResult runFlyway(DatabaseStatus status, OneTransaction transaction) {
        Shape shape = status.shape();
        var configuration = Migrations.flyway(kind, transaction.dataSource());
        if (shape.isLegacy()) {
            configuration.baselineOnMigrate(true)
                    .baselineVersion(Integer.toString(shape.baselineVersion()))
                    .baselineDescription(baselineDescription(shape));
        }
        return runFlyway(configuration);
    }

    /** Every pending version (one transaction: {@code group}); a failure says where and that nothing stayed. */
    private MigrateResult runFlyway(FluentConfiguration configuration) {
        // Which version was running when it failed, told by Flyway's public callback API (its
        // exception that says it lives in org.flywaydb.core.internal, which any release may change).
        String[] running = {null};
        configuration.callbacks(new BaseCallback() {
            @Override
            public void handle(Event event, Context context) {
                if (event == Event.BEFORE_EACH_MIGRATE && context.getMigrationInfo() != null && context.getMigrationInfo().getVersion() != null) {
                    running[0] = context.getMigrationInfo().getVersion().getVersion();
                }
            }
        });
        try {
            return configuration.load().migrate();
        } catch (FlywayException e) {
            String version = running[0] != null ? " at version " + running[0] : "";
            throw PersistenceException.of(Reason.MIGRATION_FAILED, location(), "Migration of " + where() + " failed" + version
                    + " and was rolled back; the " + (backend instanceof Backend.Sqlite ? "file" : "database") + " is as it was ("
                    + firstLine(e.getMessage()) + ").", e);
        }
    }

    private static List<AppliedMigration> applied(MigrateResult result) {
        List<AppliedMigration> applied = new ArrayList<>();
        for (var output : result.migrations) {
            applied.add(new AppliedMigration(output.version, output.description, Duration.ofMillis(output.executionTime)));
        }
        return applied;
    }

    /**
     * The SQL of one of this chain's scripts, exactly as it runs, e.g. for
     * {@code V2__rename_tool_to_runner.sql}; empty when this build has no such script (a baseline
     * row, or a version from a newer build).
     *
     * @param script a migration's script name, as in the status
     * @return its SQL, or empty when there is no such script
     */
    public Optional<String> scriptText(String script) {
        if (script == null || !script.matches("V\\d+__[\\w.-]+\\.sql")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Migrations.script(chain(), script));
        } catch (IllegalStateException missing) {
            return Optional.empty();
        }
    }

    /** {@return the file's size, SQLite version, journal mode and user_version, read without writing} */
    public DatabaseInfo info() {
        if (backend instanceof Backend.Postgresql) {
            throw PersistenceException.of(Reason.INVALID_ARGUMENT, location(), url() + " is a PostgreSQL database: it has no file to describe.");
        }
        return DatabaseInfo.of(file());
    }

    /** The folder of this backend's scripts of the chain. */
    private String chain() {
        return backend.migrations(kind);
    }

    /**
     * Which database a file is, from its schema (a {@code sessions} or a {@code conversations}
     * table), whatever its name. Empty for an empty file or one with both or neither. Never
     * writes.
     *
     * @param file an existing file
     * @return its kind, or empty when it is no database LeanSpec wrote
     * @throws PersistenceException when the file is missing, unreadable or not a database
     */
    public static Optional<DatabaseKind> detectKind(Path file) {
        Path path = file.toAbsolutePath().normalize();
        try (Connection connection = SqliteFiles.openReadOnly(path)) {
            return Optional.ofNullable(ShapeDetector.kindOf(SchemaSnapshot.read(connection)));
        } catch (SQLException e) {
            throw Failures.translate(path, "read the schema of", e);
        }
    }

    /**
     * Checks the recorded history against this build's scripts (checksums, missing or failed
     * versions). Pending versions are not errors. Never writes.
     *
     * @return the history's checks; valid when it matches the scripts
     */
    public ValidationReport validate() {
        if (backend instanceof Backend.Postgresql) {
            DatabaseStatus status = postgresStatus();
            return new ValidationReport(location(), status.shape(), status.shape() == Shape.MANAGED ? validationErrors(readOnlyFlyway())
                    : status.problems());
        }
        try (Connection connection = SqliteFiles.openReadOnly(file())) {
            if (!SchemaSnapshot.hasHistory(connection)) {
                Detection detection = ShapeDetector.detect(connection, kind);
                return new ValidationReport(location(), detection.shape(), detection.differences());
            }
        } catch (SQLException e) {
            throw Failures.translate(file(), "read the history of", e);
        }
        return new ValidationReport(location(), Shape.MANAGED, validationErrors(readOnlyFlyway()));
    }

    private static List<String> validationErrors(Flyway flyway) {
        ValidateResult result = flyway.validateWithResult();
        List<String> errors = new ArrayList<>();
        for (ValidateOutput invalid : result.invalidMigrations) {
            String what = invalid.errorDetails == null ? "invalid" : invalid.errorDetails.errorMessage;
            errors.add((invalid.version == null || invalid.version.isEmpty() ? "" : "version " + invalid.version + ": ")
                    + firstLine(what));
        }
        if (errors.isEmpty() && !result.validationSuccessful && result.errorDetails != null) {
            errors.add(firstLine(result.errorDetails.errorMessage));
        }
        return errors;
    }

    private MigrationInfoService flywayInfo(Flyway flyway) {
        try {
            return flyway.info();
        } catch (FlywayException e) {
            throw backend.translate("read the migration history of", e);
        }
    }

    /** Flyway on a read-only connection; pending versions are not validation errors. */
    private Flyway readOnlyFlyway() {
        return backend.readOnlyFlyway(kind).ignoreMigrationPatterns("*:pending").load();
    }

    // ---- PostgreSQL ----------------------------------------------------------------------

    /** What LeanSpec itself does with such a database (reference §1.2): said in every PostgreSQL status. */
    static final String NO_LEANSPEC_ON_POSTGRES = "No LeanSpec release reads or writes PostgreSQL yet: 0.2.28 turns a postgres:// "
            + "databaseUrl into a SQLite file named \"(postgres)\". This database is the team's copy, read by LeanSpec Inspector.";

    /** Empty, managed (possibly newer), or unknown, with no LeanSpec release said to work on it. */
    private DatabaseStatus postgresStatus() {
        DatabaseStatus status = postgresShape();
        return new DatabaseStatus(location(), kind, status.shape(), status.currentVersion(), status.latestVersion(), status.pending(),
                status.migrations(), status.summary(), status.problems(), List.of(), List.of(), NO_LEANSPEC_ON_POSTGRES,
                new Compatibility(List.of(), List.of()));
    }

    private DatabaseStatus postgresShape() {
        String latest = Integer.toString(Migrations.latest(kind));
        SchemaSnapshot schema;
        boolean history;
        try (Connection connection = Postgres.connect(url(), true)) {
            schema = Postgres.schema(connection, url().schema());
            history = Postgres.hasTable(connection, url().schema(), SchemaSnapshot.HISTORY_TABLE);
        } catch (SQLException e) {
            throw Postgres.translate(url(), "read the schema of", e);
        }
        Flyway flyway = readOnlyFlyway();
        var info = flywayInfo(flyway);
        MigrationInfo[] all = info.all();
        if (!history && schema.isEmpty()) {
            return new DatabaseStatus(location(), kind, Shape.EMPTY, null, latest, versions(all), rows(all, Shape.MANAGED),
                    "Empty schema " + url().schema() + ": migrate creates the " + kind.fileName() + " tables ("
                            + versionList(versions(all)) + ").", List.of());
        }
        DatabaseKind found = ShapeDetector.kindOf(schema);
        if (!history || (found != null && found != kind)) {
            List<String> why = !history
                    ? List.of("schema " + url().schema() + " has tables (" + String.join(", ", schema.tables().keySet())
                            + ") but no " + SchemaSnapshot.HISTORY_TABLE)
                    : List.of("schema " + url().schema() + " holds a " + found.fileName() + "'s tables, not a " + kind.fileName() + "'s");
            return new DatabaseStatus(location(), kind, Shape.UNKNOWN, null, latest, List.of(), List.of(),
                    "Not a " + kind.fileName() + " schema this build made: it will not be migrated. Use an empty schema (?schema=name).", why);
        }
        return managedStatus(flyway, all, info.current(), latest);
    }

    /**
     * Every pending version in one transaction (PostgreSQL's DDL is transactional: a failure
     * leaves nothing), under an advisory lock that a second inspector is refused at, not queued
     * behind.
     */
    private MigrationReport postgresMigrate(DatabaseStatus status, long started) {
        try {
            return Postgres.withMigrationLock(url(), kind, "Will not migrate " + url()
                    + ": another LeanSpec Inspector is migrating it now. Retry when it is done. Nothing was changed.", holder -> {
                DatabaseStatus now = postgresStatus(); // what the other one may have done before the lock was ours
                refuseWhenNotMigratable(now, MigrateOptions.safe());
                MigrateResult result = runFlyway(Migrations.flyway(kind, url(), Postgres.pool(url(), false)));
                return new MigrationReport(location(), kind, now.shape(), now.shape() == Shape.EMPTY ? null : now.currentVersion(),
                        result.targetSchemaVersion, null, applied(result), null, Duration.ofNanos(System.nanoTime() - started));
            });
        } catch (SQLException e) {
            throw Postgres.translate(url(), "migrate", e);
        }
    }

    /**
     * The history as rows. For a legacy file ({@code baseline > 0}) the rows show what the
     * history will say right after adoption, exactly as Flyway will then report it: older scripts
     * BELOW_BASELINE, the baseline version's script BASELINE_IGNORED, followed by the BASELINE
     * record itself (not yet installed).
     */
    private List<MigrationRow> rows(MigrationInfo[] all, Shape shape) {
        return rows(flywayRows(all), shape);
    }

    /** Flyway's list as rows, states as Flyway names them. */
    private static List<MigrationRow> flywayRows(MigrationInfo[] all) {
        List<MigrationRow> rows = new ArrayList<>();
        for (MigrationInfo migration : all) {
            rows.add(new MigrationRow(migration.getVersion() == null ? "" : migration.getVersion().getVersion(), migration.getDescription(),
                    migration.getType() == null ? "" : migration.getType().name(), migration.getState().name(),
                    migration.getInstalledOn() == null ? null : migration.getInstalledOn().toInstant(),
                    migration.getExecutionTime(), migration.getChecksum(), migration.getScript()));
        }
        return rows;
    }

    /** The rows to show: for an unversioned file, the scripts its baseline stands for marked so, and the baseline itself. */
    private List<MigrationRow> rows(List<MigrationRow> all, Shape shape) {
        int baseline = shape.baselineVersion();
        List<MigrationRow> rows = new ArrayList<>();
        if (shape.isLegacy() && baseline == 0) {
            // Nothing of the chain matches yet: the baseline is version 0 and version 1 runs.
            rows.add(new MigrationRow("0", baselineDescription(shape), "BASELINE", MigrationState.BASELINE.name(),
                    null, null, null, null));
        }
        for (MigrationRow migration : all) {
            String version = migration.version();
            String state = migration.state();
            int number = versionNumber(version);
            if (shape.isLegacy() && number < baseline) {
                state = MigrationState.BELOW_BASELINE.name();
            } else if (shape.isLegacy() && number == baseline) {
                state = MigrationState.BASELINE_IGNORED.name();
            }
            rows.add(new MigrationRow(version, migration.description(), migration.type(), state, migration.installedOn(),
                    migration.executionTimeMs(), migration.checksum(), migration.script()));
            if (shape.isLegacy() && number == baseline) {
                rows.add(new MigrationRow(version, baselineDescription(shape), "BASELINE",
                        MigrationState.BASELINE.name(), null, null, null, null));
            }
        }
        return rows;
    }

    private static String baselineDescription(Shape shape) {
        return "adopted " + shape.label() + " file";
    }

    private static int versionNumber(String version) {
        if (version == null || version.isEmpty()) {
            return Integer.MAX_VALUE;
        }
        try {
            return Integer.parseInt(version);
        } catch (NumberFormatException notInteger) {
            return Integer.MAX_VALUE;
        }
    }

    private static List<String> versions(MigrationInfo[] all) {
        return Arrays.stream(all).filter(m -> m.getState() == MigrationState.PENDING)
                .map(m -> m.getVersion().getVersion()).toList();
    }

    private static String versionList(List<String> versions) {
        return versions.isEmpty() ? "nothing" : String.join(", ", versions);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no details";
        }
        String trimmed = message.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
    }
}
