package io.cdclab.gluelake;

import org.apache.iceberg.aws.glue.GlueCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;

/**
 * At the end of a Glue-lake run: the run's Glue tables and new databases, then its S3 prefix; or nothing with
 * lab.keep. The two are independent: a Glue error never keeps the run's files in S3.
 */
final class AwsCleanup {
    private static final Logger LOG = LoggerFactory.getLogger(AwsCleanup.class);

    private final AwsSettings settings;
    private final AwsApis apis;
    private final GlueCatalog glue;
    private final CatalogLeftovers leftovers;

    AwsCleanup(AwsSettings settings, AwsApis apis, GlueCatalog glue, CatalogLeftovers leftovers) {
        this.settings = settings;
        this.apis = apis;
        this.glue = glue;
        this.leftovers = leftovers;
    }

    /** Returns whether everything was removed; each failure is logged with what to remove by hand. */
    boolean run() {
        if (settings.keep()) {
            LOG.info("aws: -Dlab.keep=true: kept {} and this run's Glue tables", settings.warehouse());
            close();
            return true;
        }
        boolean clean = true;
        try {
            leftovers.remove(glue);
        } catch (RuntimeException e) {
            clean = false;
            LOG.warn("aws: removing this run's Glue tables failed ({}); drop the tables whose location is below {} "
                    + "by hand", e.toString(), settings.warehouse());
        } finally {
            close();
        }
        try (S3Client s3 = apis.s3()) {
            S3Prefix.deleteAll(s3, settings.bucket(), settings.runPrefix(), apis.endpoint().isEmpty());
        } catch (RuntimeException e) {
            clean = false;
            LOG.warn("aws: deleting {} failed ({}); remove it by hand: aws s3 rm --recursive {}", settings.warehouse(),
                    e.toString(), settings.warehouse());
        }
        return clean;
    }

    private void close() {
        try {
            glue.close();
        } catch (IOException ignored) {
            // closing clients
        }
    }
}
