package dev.leanspec.inspector.persistence;

import dev.leanspec.inspector.persistence.PersistenceException.Reason;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where a LeanSpec database lives on a PostgreSQL server: LeanSpec's own {@code databaseUrl} form
 * ({@code postgres://user:pass@host:5432/leanspec}, also {@code postgresql://}) or a JDBC URL
 * ({@code jdbc:postgresql://host:5432/leanspec?user=…&password=…}). {@code ?schema=name} (or
 * pgjdbc's {@code currentSchema}) puts the tables in a schema of the user's choice; the default
 * is {@code public}. {@link #toString()} never shows the password.
 *
 * @param host the server's host name or address
 * @param port its port (5432 when the URL names none)
 * @param database the database's name
 * @param user the role to connect as; may be empty (the driver's default)
 * @param password its password; empty when none was given
 * @param schema the schema that holds the tables
 */
public record PostgresUrl(String host, int port, String database, String user, String password, String schema) {

    /** PostgreSQL's port when a URL names none. */
    public static final int DEFAULT_PORT = 5432;

    /** Checks the parts; an empty user or password stays empty, a blank schema is {@code public}. */
    public PostgresUrl {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        schema = schema == null || schema.isBlank() ? "public" : schema;
        if (host.isBlank() || database.isBlank()) {
            throw new IllegalArgumentException("a PostgreSQL URL needs a host and a database");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("no such port: " + port);
        }
        if (!schema.matches("[A-Za-z_][A-Za-z0-9_$]*")) {
            throw new IllegalArgumentException("a schema name is letters, digits and _ (was \"" + schema + "\")");
        }
    }

    /**
     * Whether {@code text} is a PostgreSQL URL rather than a file path.
     *
     * @param text what the user typed
     * @return whether it starts as a PostgreSQL URL does
     */
    public static boolean isUrl(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return t.startsWith("postgres://") || t.startsWith("postgresql://") || t.startsWith("jdbc:postgresql:");
    }

    /**
     * Reads a URL in either form.
     *
     * @param text {@code postgres://user:pass@host:port/db?schema=s} or {@code jdbc:postgresql://host:port/db?user=u&password=p}
     * @return where it points
     * @throws PersistenceException ({@link Reason#INVALID_ARGUMENT}) naming what is wrong with it
     */
    public static PostgresUrl parse(String text) {
        String given = Objects.requireNonNull(text, "text").strip();
        if (!isUrl(given)) {
            throw invalid(given, "it does not start with postgres://, postgresql:// or jdbc:postgresql://");
        }
        String plain = given.replaceFirst("(?i)^jdbc:", "").replaceFirst("(?i)^postgresql:", "postgres:");
        URI uri;
        try {
            uri = new URI(plain);
        } catch (URISyntaxException e) {
            throw invalid(given, e.getReason());
        }
        if (uri.getHost() == null) {
            throw invalid(given, "it names no host (postgres://user:pass@host:5432/database)");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
        if (path.isEmpty() || path.contains("/")) {
            throw invalid(given, "it names no database after the host (postgres://host:5432/leanspec)");
        }
        Map<String, String> query = query(uri.getRawQuery());
        String user = "";
        String password = "";
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : "";
        }
        user = query.getOrDefault("user", user);
        password = query.getOrDefault("password", password);
        String schema = query.getOrDefault("schema", query.getOrDefault("currentSchema", "public"));
        try {
            return new PostgresUrl(uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), decode(path), user, password, schema);
        } catch (IllegalArgumentException e) {
            throw invalid(given, e.getMessage());
        }
    }

    /** {@return the JDBC URL, without the user and password (they go to the driver apart)} */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + encode(database);
    }

    /**
     * The same database with another password (the window asks for it instead of storing it).
     *
     * @param newPassword the password
     * @return this URL with that password
     */
    public PostgresUrl withPassword(String newPassword) {
        return new PostgresUrl(host, port, database, user, newPassword, schema);
    }

    /**
     * The same server and database, another schema.
     *
     * @param newSchema the schema's name
     * @return this URL in that schema
     */
    public PostgresUrl withSchema(String newSchema) {
        return new PostgresUrl(host, port, database, user, password, newSchema);
    }

    /** {@return the URL as LeanSpec writes it, with the password; for a child process or config, never for display} */
    public String withCredentials() {
        String credentials = user.isEmpty() ? "" : encode(user) + (password.isEmpty() ? "" : ":" + encode(password)) + "@";
        return "postgres://" + credentials + hostAndPort() + "/" + encode(database) + ("public".equals(schema) ? "" : "?schema=" + schema);
    }

    /** {@return the URL as shown to users: no password, the schema when not public} */
    @Override
    public String toString() {
        return "postgres://" + (user.isEmpty() ? "" : encode(user) + "@") + hostAndPort() + "/" + encode(database)
                + ("public".equals(schema) ? "" : "?schema=" + schema);
    }

    private String hostAndPort() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            }
        }
        return values;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static PersistenceException invalid(String given, String why) {
        // The password must not reach a message: the user part is cut from what is quoted.
        String shown = given.replaceFirst("//[^/@]*@", "//…@");
        return new PersistenceException(Reason.INVALID_ARGUMENT, null, "Not a PostgreSQL URL: " + shown + " (" + why + ").");
    }
}
