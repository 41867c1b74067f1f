package io.cdclab.check;

import io.cdclab.check.rules.ControlTopicUnguarded;
import io.cdclab.check.rules.DateAsEpochDays;
import io.cdclab.check.rules.GlueMultiLevelNamespace;
import io.cdclab.check.rules.KeylessTablePublished;
import io.cdclab.check.rules.MultiTaskSinkOnJdbcCatalog;
import io.cdclab.check.rules.PartitionedTableNotViaRoot;
import io.cdclab.check.rules.PlainTextSecret;
import io.cdclab.check.rules.SchemalessJsonDecimal;
import io.cdclab.check.rules.StaticS3KeysInSink;
import io.cdclab.check.rules.TabularUpsertSettingIgnored;
import io.cdclab.check.rules.TimeColumnUnderConnectPrecision;
import io.cdclab.check.rules.ToastedValuePlaceholder;
import io.cdclab.check.rules.TopicsRegexMetadataAge;
import io.cdclab.check.rules.UnconstrainedNumericAsStruct;

import java.util.List;

/** Every static rule: each reads the schema and the two configs, starts nothing, and names its scenario. */
public final class StaticRules {
    private StaticRules() {
    }

    public static List<Rule> all() {
        return List.of(new KeylessTablePublished(), new PartitionedTableNotViaRoot(), new TimeColumnUnderConnectPrecision(),
                new UnconstrainedNumericAsStruct(), new DateAsEpochDays(), new SchemalessJsonDecimal(),
                new ToastedValuePlaceholder(), new TabularUpsertSettingIgnored(), new ControlTopicUnguarded(),
                new StaticS3KeysInSink(), new PlainTextSecret(), new MultiTaskSinkOnJdbcCatalog(),
                new GlueMultiLevelNamespace(), new TopicsRegexMetadataAge());
    }
}
