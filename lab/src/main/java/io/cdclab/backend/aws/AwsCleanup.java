package io.cdclab.backend.aws;

import org.apache.iceberg.aws.glue.GlueCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;

/** At the end of an aws run: the run's Glue tables and new namespaces, then its S3 prefix; or nothing with lab.keep. */
final class AwsCleanup {
    private static final Logger LOG = LoggerFactory.getLogger(AwsCleanup.class);

    private final AwsSettings settings;
    private final GlueCatalog glue;
    private final CatalogLeftovers leftovers;

    AwsCleanup(AwsSettings settings, GlueCatalog glue, CatalogLeftovers leftovers) {
        this.settings = settings;
        this.glue = glue;
        this.leftovers = leftovers;
    }

    void run() {
        try {
            if (settings.keep()) {
                LOG.info("aws: -Dlab.keep=true: kept {} and this run's Glue tables", settings.warehouse());
                return;
            }
            leftovers.remove(glue);
            try (S3Client s3 = S3Client.builder().region(Region.of(settings.region())).build()) {
                S3Prefix.deleteAll(s3, settings.bucket(), settings.runPrefix());
            }
        } catch (RuntimeException e) {
            LOG.warn("aws: clean-up of {} failed ({}); remove it by hand", settings.warehouse(), e.toString());
        } finally {
            try {
                glue.close();
            } catch (IOException ignored) {
                // closing clients
            }
        }
    }
}
