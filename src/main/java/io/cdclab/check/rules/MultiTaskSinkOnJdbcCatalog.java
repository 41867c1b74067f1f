package io.cdclab.check.rules;

import io.cdclab.check.CheckInput;
import io.cdclab.check.Finding;
import io.cdclab.check.Rule;
import io.cdclab.check.RuleInfo;
import io.cdclab.check.Severity;

import java.util.Optional;

/**
 * F10: each sink task opens the JDBC catalog, and JdbcCatalog's schema migration does not tolerate a concurrent
 * one: on a catalog no one has opened yet, a task of a multi-task sink fails with {@code Cannot check and
 * eventually update SQL schema}. A config cannot tell whether the catalog is fresh, so this fires on every
 * multi-task sink on a JDBC catalog; a team that initialises the catalog first can ignore it.
 */
public final class MultiTaskSinkOnJdbcCatalog implements Rule {
    public static final RuleInfo INFO = new RuleInfo("multi-task-sink-fresh-jdbc-catalog", Severity.BREAKS, "F10",
            "a sink with tasks.max > 1 on a JDBC catalog no one has opened yet races in its schema migration");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public Optional<Finding> check(CheckInput input) {
        CheckInput.Connector sink = input.sink();
        int tasks = Configs.intValue(sink, "tasks.max", 1);
        if (tasks <= 1 || Configs.catalogKind(sink).filter("jdbc"::equals).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(INFO.finding("sink: tasks.max", Configs.quote(sink, "tasks.max") + "; "
                        + Configs.quote(sink, Configs.catalogKey(sink)),
                "Initialise the catalog once before the sink starts (open it with the sink's uri, user and "
                        + "jdbc.schema-version, e.g. Spark SQL SHOW NAMESPACES, as the lab's JdbcCatalogSetup does), "
                        + "or start with \"tasks.max\": \"1\" and raise it after the first commit."));
    }
}
