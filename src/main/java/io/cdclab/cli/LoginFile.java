package io.cdclab.cli;

import io.cdclab.endpoints.ObjectStore;
import io.cdclab.endpoints.SourceDatabase;
import io.cdclab.errors.LabException;
import io.cdclab.topology.RunningTopology;
import io.cdclab.util.LabHome;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code target/cdc-lab/login.env}: the one place the lab writes a kept-running topology's passwords and keys, so
 * a person can log in ({@code source} it, then psql, a Kafka consumer, the AWS CLI, spark-sql) and another
 * process can run the suite against it. Owner-only (0600), written when the topology is up, deleted when it stops.
 * The secret scan (F7) treats it as the single allowed place ({@link #location()}).
 *
 * <p>Format: {@code export NAME='value'} lines, for a POSIX shell and for {@link #read}.
 */
public final class LoginFile {
    public static final String POSTGRES_PASSWORD_VAR = "CDC_LAB_POSTGRES_PASSWORD";
    public static final String EXTERNAL_ARGS_VAR = "CDC_LAB_EXTERNAL_ARGS";
    public static final String SPARK_CONF_VAR = "CDC_LAB_SPARK_CONF";
    private static final Pattern LINE = Pattern.compile("export ([A-Z_][A-Z0-9_]*)='((?:[^']|'\\\\'')*)'");

    private final Path path;

    private LoginFile(Path path) {
        this.path = path;
    }

    /** Where it lives: {@code <lab home>/target/cdc-lab/login.env}. */
    public static Path location() {
        return LabHome.locate().resolve("target/cdc-lab/login.env");
    }

    public Path path() {
        return path;
    }

    /** Writes the file for {@code lab}, replacing one a killed run left behind. */
    static LoginFile write(RunningTopology lab, Path path) {
        Map<String, String> vars = variables(lab);
        StringBuilder text = new StringBuilder()
                .append("# cdc-lab --keep-running: logins for this run only (owner-only; deleted when the lab stops).\n")
                .append("# Use: source ").append(path).append('\n');
        vars.forEach((name, value) -> text.append("export ").append(name).append("='")
                .append(value.replace("'", "'\\''")).append("'\n"));
        try {
            Files.createDirectories(path.getParent());
            Files.deleteIfExists(path);
            createOwnerOnly(path);
            Files.writeString(path, text);
        } catch (IOException e) {
            throw new LabException("Cannot write the login file " + path + ": " + e.getMessage(), e);
        }
        return new LoginFile(path);
    }

    /** The variables of a login file, e.g. to build an external backend's settings from it. */
    public static Map<String, String> read(Path path) {
        Map<String, String> vars = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(path)) {
                Matcher m = LINE.matcher(line.trim());
                if (m.matches()) {
                    vars.put(m.group(1), m.group(2).replace("'\\''", "'"));
                }
            }
        } catch (IOException e) {
            throw new LabException("Cannot read the login file " + path + ": " + e.getMessage()
                    + ". It exists while `mvn -q compile exec:java -Dlab.args=--keep-running` runs.", e);
        }
        return vars;
    }

    void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            System.err.println("cdc-lab: could not delete " + path + ": " + e.getMessage());
        }
    }

    private static Map<String, String> variables(RunningTopology lab) {
        Map<String, String> v = new LinkedHashMap<>();
        SourceDatabase db = lab.source();
        v.put("PGHOST", db.host());
        v.put("PGPORT", Integer.toString(db.port()));
        v.put("PGDATABASE", db.database());
        v.put("PGUSER", db.user());
        v.put("PGPASSWORD", db.password().reveal());
        v.put(POSTGRES_PASSWORD_VAR, db.password().reveal()); // the name the external backend and fixtures use
        v.put("KAFKA_BOOTSTRAP_SERVERS", lab.kafkaBootstrapServers());
        v.put("CONNECT_URL", withoutTrailingSlash(lab.connect().baseUri().toString()));
        ObjectStore store = lab.objectStore();
        v.put("AWS_REGION", store.region());
        if (store.endpoint().isPresent()) {
            // the lab's own store: its keys; on real AWS the CLI uses the person's own credentials instead
            v.put("S3_ENDPOINT", store.endpoint().get().toString());
            v.put("AWS_ACCESS_KEY_ID", store.credentials().accessKeyId());
            v.put("AWS_SECRET_ACCESS_KEY", store.credentials().secretAccessKey().reveal());
            store.credentials().sessionToken().ifPresent(t -> v.put("AWS_SESSION_TOKEN", t.reveal()));
        }
        v.put("LAB_WAREHOUSE", store.warehouse());
        v.put("ICEBERG_CATALOG", lab.catalog().name());
        lab.catalog().secretProperties().forEach((key, secret) -> v.put(secret.envVar(), secret.value().reveal()));
        v.put(SPARK_CONF_VAR, sparkConf(lab));
        v.put(EXTERNAL_ARGS_VAR, String.join(" ", ExternalArgs.of(lab)));
        return v;
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url; // "$CONNECT_URL/connectors" works
    }

    /** spark-sql {@code --conf} flags for the lake's catalog; S3 keys come from the AWS_* variables. */
    private static String sparkConf(RunningTopology lab) {
        StringBuilder conf = new StringBuilder();
        lab.catalog().sparkProperties().forEach((key, value) -> conf.append(conf.isEmpty() ? "" : " ")
                .append("--conf ").append(key).append('=').append(value));
        return conf.toString();
    }

    private static void createOwnerOnly(Path path) throws IOException {
        try {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(path); // not a POSIX file system: the platform's default permissions
        } catch (FileAlreadyExistsException e) {
            throw new IOException("another process created it at the same time", e);
        }
    }
}
