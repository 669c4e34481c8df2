package dev.leanspec.inspector.gui.connect;

import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PostgresUrl;

import java.util.Optional;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * File ▸ Connect to PostgreSQL…: a URL as LeanSpec's {@code databaseUrl} has it, or its parts.
 * A URL typed wins over the parts; a password typed apart goes with a URL that has none. The
 * password lives in this form only: it is never stored (no keyring is used).
 */
public final class ConnectViewModel {

    /**
     * What the database is asked for: its title, what the form says above the fields, and its button.
     */
    public enum Purpose {
        BROWSE("Connect to PostgreSQL", "A LeanSpec database on a PostgreSQL server (LeanSpec's databaseUrl). Browsing is read-only;"
                + " the password is never stored.", "Connect"),
        COPY_INTO("Copy to PostgreSQL", "The PostgreSQL database to copy the files into: an empty one, or one to merge into (asked next)."
                + " The password is never stored.", "Next");

        private final String title;
        private final String header;
        private final String action;

        Purpose(String title, String header, String action) {
            this.title = title;
            this.header = header;
            this.action = action;
        }

        public String title() {
            return title;
        }

        public String header() {
            return header;
        }

        public String action() {
            return action;
        }
    }

    private final StringProperty url = new SimpleStringProperty("");
    private final StringProperty host = new SimpleStringProperty("localhost");
    private final StringProperty port = new SimpleStringProperty(Integer.toString(PostgresUrl.DEFAULT_PORT));
    private final StringProperty database = new SimpleStringProperty("leanspec");
    private final StringProperty user = new SimpleStringProperty(System.getProperty("user.name", ""));
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty schema = new SimpleStringProperty("public");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");

    /** A form filled from the last database connected to (its password left out), or the defaults. */
    public ConnectViewModel(PostgresUrl last) {
        if (last != null) {
            host.set(last.host());
            port.set(Integer.toString(last.port()));
            database.set(last.database());
            user.set(last.user());
            schema.set(last.schema());
        }
    }

    public StringProperty urlProperty() {
        return url;
    }

    public StringProperty hostProperty() {
        return host;
    }

    public StringProperty portProperty() {
        return port;
    }

    public StringProperty databaseProperty() {
        return database;
    }

    public StringProperty userProperty() {
        return user;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public StringProperty schemaProperty() {
        return schema;
    }

    /** What is wrong with the form, in a sentence; empty when nothing. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The database the form names, or empty with {@link #problemProperty()} saying why. */
    public Optional<PostgresUrl> result() {
        try {
            PostgresUrl chosen;
            if (!url.get().isBlank()) {
                chosen = PostgresUrl.parse(url.get());
                if (chosen.password().isEmpty() && !password.get().isEmpty()) {
                    chosen = chosen.withPassword(password.get());
                }
            } else {
                int number;
                try {
                    number = Integer.parseInt(port.get().strip());
                } catch (NumberFormatException e) {
                    problem.set("The port is a number (PostgreSQL's is 5432), not \"" + port.get() + "\".");
                    return Optional.empty();
                }
                chosen = new PostgresUrl(host.get().strip(), number, database.get().strip(), user.get().strip(), password.get(),
                        schema.get().strip());
            }
            problem.set("");
            return Optional.of(chosen);
        } catch (PersistenceException | IllegalArgumentException e) {
            problem.set(e.getMessage());
            return Optional.empty();
        }
    }
}
