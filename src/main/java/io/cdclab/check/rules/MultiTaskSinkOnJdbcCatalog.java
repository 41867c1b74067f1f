package io.cdclab.check.rules;

import io.cdclab.check.AbstractRule;
import io.cdclab.check.CheckInput;
import io.cdclab.check.Finding;
import io.cdclab.check.RuleInfo;
import io.cdclab.check.Severity;

import java.util.Optional;

/**
 * F10: each sink task opens the JDBC catalog, and JdbcCatalog's schema migration does not tolerate a concurrent
 * one: on a catalog no one has opened yet, a task of a multi-task sink fails with {@code Cannot check and
 * eventually update SQL schema}. A config cannot tell whether the catalog is fresh, so this fires on every
 * multi-task sink on a JDBC catalog; a team that initialises the catalog first can ignore it.
 */
public final class MultiTaskSinkOnJdbcCatalog extends AbstractRule {
    public static final RuleInfo INFO = new RuleInfo("multi-task-sink-fresh-jdbc-catalog", Severity.BREAKS, "F10",
            "a sink with tasks.max > 1 on a JDBC catalog no one has opened yet races in its schema migration");

    public MultiTaskSinkOnJdbcCatalog() {
        super(INFO);
    }

    @Override
    protected Optional<Finding> findings(CheckInput input) {
        return at("sink: tasks.max", Configs.quote(input.sink(), "tasks.max") + "; "
                        + Configs.quote(input.sink(), Configs.catalogKey(input.sink())),
                "Initialise the catalog once before the sink starts (open it with the sink's uri, user and "
                        + "jdbc.schema-version, e.g. Spark SQL SHOW NAMESPACES, as the lab's JdbcCatalogSetup does), "
                        + "or start with \"tasks.max\": \"1\" and raise it after the first commit.");
    }

    @Override
    protected boolean appliesTo(CheckInput input) {
        return Configs.intValue(input.sink(), "tasks.max", 1) > 1 && Configs.isCatalog(input.sink(), "jdbc");
    }
}
