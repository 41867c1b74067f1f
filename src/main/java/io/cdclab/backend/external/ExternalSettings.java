package io.cdclab.backend.external;

import io.cdclab.endpoints.AwsCredentials;
import io.cdclab.endpoints.CatalogSpec;
import io.cdclab.endpoints.ObjectStore;
import io.cdclab.endpoints.Secret;
import io.cdclab.endpoints.SourceDatabase;
import io.cdclab.errors.LabException;
import io.cdclab.settings.LabSettings;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An existing cluster, described by {@code -Dlab.external.*} properties (secrets preferably from the environment,
 * under the same names the Connect worker must hold them). Every missing setting is named in one error.
 *
 * <pre>
 * lab.external.kafka.bootstrap-servers   broker:9092
 * lab.external.connect.url               http://connect:8083
 * lab.external.postgres.jdbc-url         jdbc:postgresql://db:5432/app
 * lab.external.postgres.user             a role with REPLICATION that owns the captured tables
 *   password: env CDC_LAB_POSTGRES_PASSWORD (or lab.external.postgres.password)
 * lab.external.postgres.connect-host/-port   optional: the database as the Connect worker reaches it
 * lab.external.catalog.*                 Iceberg catalog properties (catalog-impl or type, warehouse, uri, ...)
 *   jdbc.password: env CDC_LAB_CATALOG_PASSWORD (or lab.external.catalog.jdbc.password)
 * lab.external.s3.bucket, lab.external.s3.region (or AWS_REGION), lab.external.s3.endpoint (optional),
 * lab.external.s3.prefix (default warehouse)
 *   keys: env AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY [/ AWS_SESSION_TOKEN] (or lab.external.s3.access-key-id /
 *   lab.external.s3.secret-access-key)
 * </pre>
 */
public record ExternalSettings(String bootstrapServers, URI connectUrl, SourceDatabase source,
                               SourceDatabase sourceForConnect, CatalogSpec catalog, ObjectStore objectStore) {
    public static final String PREFIX = LabSettings.EXTERNAL_PREFIX;
    static final String POSTGRES_PASSWORD_VAR = "CDC_LAB_POSTGRES_PASSWORD";
    static final String CATALOG_PASSWORD_VAR = "CDC_LAB_CATALOG_PASSWORD";
    private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/([^?]+).*");

    /** From the run's {@code -Dlab.external.*}; secrets may come from {@code env} instead. */
    public static ExternalSettings from(LabSettings settings, Map<String, String> env, String catalogName) {
        return from(settings.startingWith(PREFIX), env, catalogName);
    }

    public static ExternalSettings from(Map<String, String> properties, Map<String, String> env, String catalogName) {
        Reader r = new Reader(properties, env);
        String bootstrap = r.required("kafka.bootstrap-servers", null, "e.g. broker:9092");
        String connectUrl = r.required("connect.url", null, "e.g. http://connect:8083");
        String jdbcUrl = r.required("postgres.jdbc-url", null, "e.g. jdbc:postgresql://db:5432/app");
        String user = r.required("postgres.user", null, "a role with REPLICATION that owns the captured tables");
        String password = r.required("postgres.password", POSTGRES_PASSWORD_VAR, "the password of that role");
        Map<String, String> catalogProps = r.withPrefix("catalog.");
        if (!catalogProps.containsKey("catalog-impl") && !catalogProps.containsKey("type")) {
            r.missing.add("-D" + PREFIX + "catalog.catalog-impl (or catalog.type): the Iceberg catalog");
        }
        if (!catalogProps.containsKey("warehouse")) {
            r.missing.add("-D" + PREFIX + "catalog.warehouse: the Iceberg warehouse location");
        }
        String bucket = r.required("s3.bucket", null, "the lake's bucket");
        String region = r.required("s3.region", "AWS_REGION", "the object store's region");
        String accessKey = r.required("s3.access-key-id", "AWS_ACCESS_KEY_ID", "the key the lab reads the lake with");
        String secretKey = r.required("s3.secret-access-key", "AWS_SECRET_ACCESS_KEY", "its secret");
        if (!r.missing.isEmpty()) {
            throw new LabException("The external backend is missing " + r.missing.size() + " setting(s):\n  "
                    + String.join("\n  ", r.missing) + "\nSee docs/BACKENDS.md.");
        }

        Matcher m = JDBC_URL.matcher(jdbcUrl);
        if (!m.matches()) {
            throw new LabException("-D" + PREFIX + "postgres.jdbc-url=" + jdbcUrl
                    + " is not a PostgreSQL JDBC URL (jdbc:postgresql://host[:port]/database).");
        }
        int port = m.group(2) == null ? 5432 : Integer.parseInt(m.group(2));
        SourceDatabase source = new SourceDatabase(m.group(1), port, m.group(3), user, Secret.of(password));
        SourceDatabase forConnect = new SourceDatabase(r.optional("postgres.connect-host").orElse(source.host()),
                r.optional("postgres.connect-port").map(Integer::parseInt).orElse(port), source.database(), user,
                source.password());

        Map<String, CatalogSpec.SecretProperty> catalogSecrets = new LinkedHashMap<>();
        String catalogPassword = catalogProps.remove("jdbc.password");
        Optional.ofNullable(env.get(CATALOG_PASSWORD_VAR)).or(() -> Optional.ofNullable(catalogPassword))
                .ifPresent(p -> catalogSecrets.put("jdbc.password", new CatalogSpec.SecretProperty(CATALOG_PASSWORD_VAR, Secret.of(p))));
        CatalogSpec catalog = new CatalogSpec(catalogName, catalogProps, catalogSecrets);

        Optional<Secret> token = Optional.ofNullable(env.get("AWS_SESSION_TOKEN")).filter(t -> !t.isBlank()).map(Secret::of);
        ObjectStore store = new ObjectStore(r.optional("s3.endpoint").map(URI::create), region, bucket,
                r.optional("s3.prefix").orElse("warehouse"), new AwsCredentials(accessKey, Secret.of(secretKey), token));
        return new ExternalSettings(bootstrap, URI.create(connectUrl), source, forConnect, catalog, store);
    }

    @Override
    public String toString() {
        return "ExternalSettings[kafka=" + bootstrapServers + ", connect=" + connectUrl + ", source=" + source
                + ", catalog=" + catalog + ", store=" + objectStore.warehouse() + "]";
    }

    /** Reads properties under {@link #PREFIX}, falling back to an environment variable, collecting what is missing. */
    private static final class Reader {
        private final Map<String, String> properties;
        private final Map<String, String> env;
        private final List<String> missing = new ArrayList<>();

        Reader(Map<String, String> properties, Map<String, String> env) {
            this.properties = properties;
            this.env = env;
        }

        String required(String key, String envVar, String what) {
            // The environment first for variables that hold secrets, so they need not appear on a command line.
            Optional<String> value = Optional.ofNullable(envVar).map(env::get).filter(v -> !v.isBlank()).or(() -> optional(key));
            if (value.isEmpty()) {
                missing.add("-D" + PREFIX + key + (envVar == null ? "" : " (or env " + envVar + ")") + ": " + what);
                return null;
            }
            return value.get();
        }

        Optional<String> optional(String key) {
            return Optional.ofNullable(properties.get(PREFIX + key)).map(String::trim).filter(v -> !v.isEmpty());
        }

        Map<String, String> withPrefix(String prefix) {
            Map<String, String> values = new LinkedHashMap<>();
            properties.forEach((k, v) -> {
                if (k.startsWith(PREFIX + prefix)) {
                    values.put(k.substring((PREFIX + prefix).length()), v.trim());
                }
            });
            return values;
        }
    }
}
