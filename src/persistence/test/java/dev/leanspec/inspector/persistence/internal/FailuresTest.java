package dev.leanspec.inspector.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.persistence.PersistenceException;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** The sentences a SQLite failure becomes: SQLite's words once, no raw code, the file named. */
class FailuresTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            [SQLITE_CORRUPT] The database disk image is malformed (database disk image is malformed) | database disk image is malformed
            [SQLITE_ERROR] SQL error or missing database (near "SELEC": syntax error)                 | near "SELEC": syntax error
            [SQLITE_BUSY] The database file is locked                                                  | The database file is locked
            no code at all (kept)                                                                      | no code at all (kept)
            """)
    void sqliteWordsAreSaidOnceWithoutTheCode(String message, String words) {
        assertThat(Failures.sqliteWords(message)).isEqualTo(words);
    }

    @Test
    void aDamagedFileIsNamedInTheRecoverCommand() {
        Path file = Path.of("/home/me/.lean-spec/leanspec.db");
        PersistenceException damaged = Failures.translate(file, "open", new SQLiteException(
                "[SQLITE_CORRUPT] The database disk image is malformed (database disk image is malformed)", SQLiteErrorCode.SQLITE_CORRUPT));

        assertThat(damaged.getMessage())
                .isEqualTo("Could not open " + file + ": the database is damaged (database disk image is malformed). Restore it from a "
                        + "backup, or recover its rows into a new file with `sqlite3 '" + file + "' .recover | sqlite3 '" + file
                        + ".recovered'`.");
    }
}
