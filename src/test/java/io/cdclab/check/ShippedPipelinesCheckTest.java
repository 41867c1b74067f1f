package io.cdclab.check;

import io.cdclab.connect.ConnectorFixture;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every static rule over whole pipelines: a careful team's, which passes clean, and the ones the lab ships, whose
 * findings are listed here on purpose, each with why it is expected.
 */
class ShippedPipelinesCheckTest {

    @Test
    void aCarefulTeamsPipeline_passesClean() {
        // Its schema and connectors as a team keeps them in its repository: keyed or FULL/USING INDEX tables,
        // secrets by reference, a short metadata age, a guarded control topic.
        assertThat(findings(project(Path.of("src/test/resources/check/careful-team"), "sales-source.json",
                "sales-sink.json", "sales.customers", "sales.orders", "sales.order_events", "sales.audit_log"))).isEmpty();
    }

    @Test
    void theLabsDemoPipeline_twoFindingsOnPurpose() {
        List<String> found = findings(lab("fixtures/sql/demo-schema.sql", "iceberg-sink",
                "public.customers", "public.orders"));
        assertThat(found).containsExactlyInAnyOrder(
                // Both tables have text columns under the default replica identity: the demo's values are short, so
                // never TOASTed, but the schema allows long ones.
                "toasted-value-placeholder public.customers", "toasted-value-placeholder public.orders",
                // The lab seeds the coordinator's offsets before each sink starts (IcebergCoordinatorOffsets), which
                // no config shows.
                "control-topic-unguarded sink: iceberg.kafka.auto.offset.reset");
    }

    @Test
    void theKeyShapesOnTheChangelogFixture_k3sTablesFireOnPurpose() {
        List<String> found = findings(lab("fixtures/sql/key-shapes.sql", "iceberg-sink-changelog",
                "public.k2_order_lines", "public.k3_page_views", "public.k3_audit_log", "public.k4_sensor_readings",
                "public.k5_devices", "public.k6_accounts"));
        assertThat(found).containsExactlyInAnyOrder(
                // K3 and K5 demonstrate exactly this (k3_audit_log gets an insert-only publication in K3's test,
                // which the fixture's filtered mode does not give; message.key.columns does not help k5_devices).
                "keyless-table-published public.k3_page_views", "keyless-table-published public.k3_audit_log",
                "keyless-table-published public.k5_devices",
                // text columns under DEFAULT (k2) and USING INDEX (k6); K4's table is FULL
                "toasted-value-placeholder public.k2_order_lines", "toasted-value-placeholder public.k6_accounts",
                "control-topic-unguarded sink: iceberg.kafka.auto.offset.reset");
    }

    @Test
    void theTeamProject_itsKeylessClickStreamAndTextColumnsFireOnPurpose() {
        CheckInput input = project(Path.of("examples/team-project"), "shop-source.json", "shop-sink.json",
                "shop.customers", "shop.orders", "shop.order_lines", "shop.page_views");
        assertThat(findings(input)).containsExactlyInAnyOrder(
                // Its schema says so itself: PostgreSQL refuses UPDATE and DELETE on page_views once published;
                // ShopPipelineTest only inserts into it.
                "keyless-table-published shop.page_views",
                "toasted-value-placeholder shop.customers", "toasted-value-placeholder shop.orders",
                "toasted-value-placeholder shop.order_lines");
        // (control-topic-unguarded fired too, until the project took check's fix: earliest in shop-sink.json)
    }

    /** A team's project folder as the check reads it: {@code db/schema.sql} and its two connectors in {@code connect/}. */
    private static CheckInput project(Path folder, String source, String sink, String... tables) {
        return new CheckInput(SchemaSqlReader.read(folder.resolve("db/schema.sql")),
                connector(ConnectorFixture.load(folder.resolve("connect").resolve(source))),
                connector(ConnectorFixture.load(folder.resolve("connect").resolve(sink))),
                List.of(tables));
    }

    private static CheckInput lab(String schema, String sinkFixture, String... tables) {
        return new CheckInput(SchemaSqlReader.read(Path.of(schema)),
                connector(ConnectorFixture.load(Path.of("fixtures/connectors/debezium-postgres.json"))),
                connector(ConnectorFixture.load(Path.of("fixtures/connectors/" + sinkFixture + ".json"))),
                List.of(tables));
    }

    private static CheckInput.Connector connector(ConnectorFixture fixture) {
        return new CheckInput.Connector(fixture.source(), fixture.template());
    }

    /** Each place as {@code rule where}: one finding per rule, with every place it fired. */
    private static List<String> findings(CheckInput input) {
        return StaticRules.all().stream().flatMap(r -> r.check(input).stream())
                .flatMap(f -> f.wheres().stream().map(w -> f.ruleId() + " " + w)).toList();
    }
}
