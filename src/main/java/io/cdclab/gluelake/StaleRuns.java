package io.cdclab.gluelake;

import io.cdclab.errors.LabException;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pipelines name their Glue databases after their ids ({@code cdc_k1}), the same in every run, so a table left by a
 * run that never cleaned up (killed JVM, cancelled CI job, {@code -Dlab.keep=true}) would be loaded by the next
 * run's sink, which would append to it and read its old rows. Before a run starts: a lab table of a run older than
 * {@link #ABANDONED_AFTER} is removed (its Glue entry and its files); one of a younger run, or a table the lab did
 * not create, stops the start with its name, because two runs (or a team's table) would share it.
 */
final class StaleRuns {
    private static final Logger LOG = LoggerFactory.getLogger(StaleRuns.class);
    /** No suite run lasts this long; the clean-up of anything older cannot hit a live run. */
    static final Duration ABANDONED_AFTER = Duration.ofHours(3);
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private StaleRuns() {
    }

    /** Returns the tables removed; throws when a table in a pipeline database belongs to someone else. */
    static <C extends Catalog & SupportsNamespaces> List<String> clear(C catalog, S3Client s3, AwsSettings settings,
                                                                      LocalDateTime now, boolean serverFiltersPrefix) {
        Pattern labRun = Pattern.compile("s3a?://" + Pattern.quote(settings.bucket()) + "/" + Pattern.quote(settings.prefix())
                + "/(run-(\\d{8}-\\d{6})-[a-z0-9]+)/.*");
        List<String> removed = new ArrayList<>();
        List<String> blocking = new ArrayList<>();
        for (Namespace namespace : catalog.listNamespaces()) {
            if (namespace.length() != 1 || !namespace.level(0).startsWith(CatalogLeftovers.PIPELINE_NAMESPACE_PREFIX)) {
                continue;
            }
            for (TableIdentifier table : catalog.listTables(namespace)) {
                String location = catalog.loadTable(table).location() + "/";
                Matcher m = labRun.matcher(location);
                if (!m.matches()) {
                    blocking.add(table + " (at " + location + ", not created by a cdc-lab run below s3://"
                            + settings.bucket() + "/" + settings.prefix() + "/)");
                    continue;
                }
                Duration age = Duration.between(LocalDateTime.parse(m.group(2), RUN_TIME), now);
                if (age.compareTo(ABANDONED_AFTER) < 0) {
                    blocking.add(table + " (of run " + m.group(1) + ", started " + age.toMinutes() + " min ago: still running?)");
                    continue;
                }
                catalog.dropTable(table, false);
                S3Prefix.deleteAll(s3, settings.bucket(), settings.prefix() + "/" + m.group(1), serverFiltersPrefix);
                removed.add(table + " of " + m.group(1));
            }
        }
        if (!removed.isEmpty()) {
            LOG.warn("aws: removed tables abandoned by earlier runs (older than {} h): {}", ABANDONED_AFTER.toHours(), removed);
        }
        if (!blocking.isEmpty()) {
            throw new LabException("The Glue catalog already holds tables where this run's pipelines write: "
                    + String.join("; ", blocking) + ". Pipelines name their databases after their ids (cdc_<id>), the "
                    + "same in every run, so this run would append to them. Wait for the other run to end, or drop the "
                    + "tables (a lab run older than " + ABANDONED_AFTER.toHours() + " h is removed by itself); Glue "
                    + "names are per account and region, so another prefix does not keep runs apart.");
        }
        return removed;
    }
}
