package io.cdclab.check.rules;

import io.cdclab.check.AbstractRule;
import io.cdclab.check.CheckInput;
import io.cdclab.check.Finding;
import io.cdclab.check.RuleInfo;
import io.cdclab.check.Severity;

import java.util.List;
import java.util.Optional;

/**
 * C1/C2: {@code iceberg.tables.upsert-mode-enabled} and {@code iceberg.tables.cdc-field} are settings of Tabular's
 * sink ({@code io.tabular.iceberg.connect}); Apache Iceberg's sink has neither, Connect passes unknown keys on
 * without a word, and the table stays append-only: every change a row, deleted rows included.
 */
public final class TabularUpsertSettingIgnored extends AbstractRule {
    public static final RuleInfo INFO = new RuleInfo("upsert-setting-ignored", Severity.LOSES_DATA, "C1",
            "Apache Iceberg's sink ignores Tabular's upsert and cdc-field settings: the table is append-only");

    public TabularUpsertSettingIgnored() {
        super(INFO);
    }

    @Override
    protected Optional<Finding> findings(CheckInput input) {
        return at(TABULAR_KEYS.stream().filter(k -> input.sink().get(k) != null)
                .map(k -> Finding.place("sink: " + k, Configs.quote(input.sink(), k), "remove " + k)).toList(),
                "connector.class = " + input.sink().get("connector.class") + ", which has no such setting",
                "rebuild the current state from the changelog instead (MERGE INTO newest event per key, as the lab's "
                        + "Materializer does; C2).");
    }

    @Override
    protected boolean appliesTo(CheckInput input) {
        return Configs.isApacheIcebergSink(input.sink());
    }

    private static final List<String> TABULAR_KEYS = List.of("iceberg.tables.upsert-mode-enabled",
            "iceberg.tables.cdc-field");
}
