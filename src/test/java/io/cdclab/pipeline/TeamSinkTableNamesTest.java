package io.cdclab.pipeline;

import io.cdclab.connect.ConnectorFixture;
import io.cdclab.junit.CdcLab;
import io.cdclab.lake.ChangelogLayout;
import io.cdclab.lake.Lake;
import io.cdclab.lake.Materializer;
import io.cdclab.topology.LakeKind;
import io.cdclab.topology.RunningTopology;
import io.cdclab.verify.Reconciler;
import io.cdclab.verify.Reconciliation;
import io.cdclab.verify.SourceRows;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 25's second team, on real servers: its sink routes by topic name (a RegexRouter renames
 * {@code <prefix>.<schema>.<table>} to {@code team_lake.<schema>.raw_<table>}, an InsertField copies that topic into
 * the route field, dynamic routing writes there), so its tables land in a two-level namespace of the JDBC catalog
 * under names the lab's own rule would never give. The test names no table by hand: {@code pipeline.icebergTable}
 * reads them from the sink config, and every keyed table reconciles with PostgreSQL. JDBC only: Glue refuses
 * two-level namespaces (G1).
 */
@CdcLab(kafkaPartitions = 3, lake = LakeKind.JDBC)
class TeamSinkTableNamesTest {
    private static final Duration LANDING = Duration.ofSeconds(120);

    @Test
    void aSinkRoutingByTopicName_isReconciledThroughIcebergTable_withoutNamingItsTables(RunningTopology lab) {
        lab.source().execute("CREATE SCHEMA billing",
                "CREATE TABLE public.tn_accounts (id int PRIMARY KEY, owner varchar(40) NOT NULL, balance numeric(10,2))",
                "CREATE TABLE billing.tn_invoices (invoice_no int, line int, amount numeric(10,2), PRIMARY KEY (invoice_no, line))",
                "INSERT INTO public.tn_accounts VALUES (1, 'ada', 10.00), (2, 'bo', 20.00)");
        Pipeline pipeline = lab.pipeline("tn").tables("public.tn_accounts", "billing.tn_invoices")
                .sinkFixture(ConnectorFixture.load(Path.of("src/test/resources/team-routing/topic-routed-sink.json")))
                .start();
        lab.source().execute("INSERT INTO public.tn_accounts VALUES (3, 'cy', 30.00)",
                "UPDATE public.tn_accounts SET balance = 11.50 WHERE id = 1",
                "DELETE FROM public.tn_accounts WHERE id = 2",
                "INSERT INTO billing.tn_invoices VALUES (7, 1, 5.00), (7, 2, 6.00), (8, 1, 9.99)",
                "UPDATE billing.tn_invoices SET amount = 6.50 WHERE invoice_no = 7 AND line = 2",
                "DELETE FROM billing.tn_invoices WHERE invoice_no = 8");

        String catalog = lab.catalog().name();
        assertThat(pipeline.icebergTable("public.tn_accounts")).isEqualTo(catalog + ".team_lake.public.raw_tn_accounts");
        assertThat(pipeline.icebergTable("billing.tn_invoices")).isEqualTo(catalog + ".team_lake.billing.raw_tn_invoices");

        Lake lake = lab.lake();
        // Change events: accounts r=2, c=1, u=1, d=1; invoices c=3, u=1, d=1.
        Map<String, Integer> events = Map.of("public.tn_accounts", 5, "billing.tn_invoices", 5);
        Map<String, List<String>> keys = Map.of("public.tn_accounts", List.of("id"),
                "billing.tn_invoices", List.of("invoice_no", "line"));
        events.forEach((table, count) -> lake.awaitRows(pipeline.icebergTable(table), count, LANDING));
        assertThat(lab.catalogTables(100)).as("the catalog as the 'cannot tell' message lists it, nested namespaces too")
                .contains(catalog + ".team_lake.public.raw_tn_accounts", catalog + ".team_lake.billing.raw_tn_invoices");

        keys.forEach((table, key) -> {
            Materializer current = Materializer.of(lake, pipeline.icebergTable(table), key,
                    ChangelogLayout.extractNewRecordState());
            Reconciliation r = Reconciler.compare(SourceRows.read(lab.source(), "SELECT * FROM " + table),
                    lake.rowsAsMaps(current.currentStateSql()), key);
            assertThat(r.matches()).as(table + " in PostgreSQL vs " + pipeline.icebergTable(table) + ": " + r.summary())
                    .isTrue();
            assertThat(r.sourceRows()).as(table + " rows").isEqualTo(2);
        });
    }
}
