package io.cdclab.cli;

import io.cdclab.backend.external.ExternalSettings;
import io.cdclab.endpoints.ObjectStore;
import io.cdclab.topology.RunningTopology;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code -Dlab.backend=external -Dlab.external.*} arguments that name a running topology (no secrets: those
 * go by the environment variables {@link LoginFile} exports), so the suite can be run against it from another
 * shell or process. The inverse of {@link ExternalSettings}.
 */
final class ExternalArgs {
    private ExternalArgs() {
    }

    static List<String> of(RunningTopology lab) {
        List<String> args = new ArrayList<>();
        args.add("-Dlab.backend=external");
        add(args, "kafka.bootstrap-servers", lab.kafkaBootstrapServers());
        add(args, "connect.url", lab.connect().baseUri().toString());
        add(args, "postgres.jdbc-url", lab.source().jdbcUrl());
        add(args, "postgres.user", lab.source().user());
        lab.catalog().properties().forEach((key, value) -> add(args, "catalog." + key, value));
        ObjectStore store = lab.objectStore();
        add(args, "s3.bucket", store.bucket());
        add(args, "s3.region", store.region());
        add(args, "s3.prefix", store.warehousePrefix());
        store.endpoint().ifPresent(endpoint -> add(args, "s3.endpoint", endpoint.toString()));
        return args;
    }

    private static void add(List<String> args, String key, String value) {
        if (value.chars().anyMatch(Character::isWhitespace)) {
            // the arguments travel as one shell variable, split at blanks
            throw new IllegalStateException(ExternalSettings.PREFIX + key + " holds a blank: " + value);
        }
        args.add("-D" + ExternalSettings.PREFIX + key + "=" + value);
    }
}
