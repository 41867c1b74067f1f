package io.cdclab.check.rules;

import io.cdclab.check.AbstractRule;
import io.cdclab.check.CheckInput;
import io.cdclab.check.Finding;
import io.cdclab.check.RuleInfo;
import io.cdclab.check.Severity;

import java.util.List;
import java.util.Optional;

/**
 * F2/F2r: S3 keys in the sink config are read once, when the connector starts, so rotating them means restarting
 * the sink (F2: 99 s of outage against 7 s with a refreshing credentials provider, F2r), or the worker when they
 * come from its environment (F1). With a Glue catalog they reach S3FileIO only: GlueCatalog's own client takes
 * {@code client.credentials-provider} or the default chain.
 */
public final class StaticS3KeysInSink extends AbstractRule {
    public static final RuleInfo INFO = new RuleInfo("static-s3-keys-in-sink", Severity.DEGRADES, "F2",
            "S3 keys written in the sink config cannot rotate without restarting the sink");

    public StaticS3KeysInSink() {
        super(INFO);
    }

    @Override
    protected Optional<Finding> findings(CheckInput input) {
        List<String> present = KEYS.stream().filter(k -> input.sink().get(k) != null).toList();
        CheckInput.Connector sink = input.sink();
        boolean glue = Configs.isCatalog(sink, "glue");
        return at("sink: " + present.get(0), Configs.file(sink) + " sets " + String.join(", ", present)
                        + " (values not shown)" + (glue ? "; with " + Configs.catalogKey(sink)
                        + " naming Glue, GlueCatalog's client does not use them" : ""),
                "Remove the keys and set \"iceberg.catalog.client.credentials-provider\": "
                        + "\"software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider\" (or the default chain "
                        + "with a role), which re-reads rotated credentials without a restart (F2r, G3).");
    }

    @Override
    protected boolean appliesTo(CheckInput input) {
        return KEYS.stream().anyMatch(k -> input.sink().get(k) != null);
    }

    private static final List<String> KEYS = List.of("iceberg.catalog.s3.access-key-id",
            "iceberg.catalog.s3.secret-access-key", "iceberg.catalog.s3.session-token");
}
