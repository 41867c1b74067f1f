package io.cdclab.check.rules;

import io.cdclab.check.CheckInput;
import io.cdclab.check.Finding;
import io.cdclab.check.Rule;
import io.cdclab.check.RuleInfo;
import io.cdclab.check.Severity;

import java.util.List;
import java.util.Optional;

/**
 * C1/C2: {@code iceberg.tables.upsert-mode-enabled} and {@code iceberg.tables.cdc-field} are settings of Tabular's
 * sink ({@code io.tabular.iceberg.connect}); Apache Iceberg's sink has neither, Connect passes unknown keys on
 * without a word, and the table stays append-only: every change a row, deleted rows included.
 */
public final class TabularUpsertSettingIgnored implements Rule {
    public static final RuleInfo INFO = new RuleInfo("upsert-setting-ignored", Severity.LOSES_DATA, "C1",
            "Apache Iceberg's sink ignores Tabular's upsert and cdc-field settings: the table is append-only");
    private static final List<String> TABULAR_KEYS = List.of("iceberg.tables.upsert-mode-enabled",
            "iceberg.tables.cdc-field");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public Optional<Finding> check(CheckInput input) {
        CheckInput.Connector sink = input.sink();
        if (!Configs.isApacheIcebergSink(sink)) {
            return Optional.empty();
        }
        return INFO.findingAt(TABULAR_KEYS.stream().filter(k -> sink.get(k) != null)
                .map(k -> Finding.place("sink: " + k, Configs.quote(sink, k), "remove " + k)).toList(),
                "connector.class = " + sink.get("connector.class") + ", which has no such setting",
                "rebuild the current state from the changelog instead (MERGE INTO newest event per key, as the lab's "
                        + "Materializer does; C2).");
    }
}
