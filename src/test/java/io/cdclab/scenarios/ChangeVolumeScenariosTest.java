package io.cdclab.scenarios;

import io.cdclab.junit.CdcLab;
import io.cdclab.lake.Lake;
import io.cdclab.lake.Materializer;
import io.cdclab.report.ScenarioFinding;
import io.cdclab.topology.RunningTopology;
import io.cdclab.util.Timer;
import io.cdclab.verify.Reconciliation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.cdclab.scenarios.ScenarioPages.CHANGE_SEMANTICS;
import static org.assertj.core.api.Assertions.assertThat;

/** C2 at volume: 100k changes as one transaction and as 100k small ones, materialised and reconciled. */
@CdcLab(kafkaPartitions = 3, shared = true)
class ChangeVolumeScenariosTest {
    static final ScenarioFinding C2_VOLUME = ScenarioFinding.of("C2", "at volume: 100k changes",
            "100,000 changes reconcile exactly, as one transaction and as 100,000 single-row transactions.");
    private static final int CHANGES = 100_000;
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    @Test
    void c2_currentStateAtVolume_100kChangesAsOneTransactionAndAsManySmallOnes(RunningTopology lab) {
        Scenario.Capture c2v = Scenario.on(lab).within(TIMEOUT).given(
                        "CREATE TABLE public.c2v_one (id int PRIMARY KEY, v int NOT NULL)",
                        "CREATE TABLE public.c2v_many (id int PRIMARY KEY, v int NOT NULL)")
                .capture("c2v", "public.c2v_one", "public.c2v_many").changelog().start();
        Lake lake = lab.lake();
        Map<String, Object> figures = new LinkedHashMap<>();

        Timer write = Timer.start();
        lab.source().executeInTransaction("INSERT INTO c2v_one SELECT g, g FROM generate_series(1, " + CHANGES + ") g");
        figures.put("one transaction: PostgreSQL commit (s)", seconds(write.elapsed()));
        String one = c2v.awaitLake("public.c2v_one", CHANGES);
        figures.put("one transaction: commit to all rows in Iceberg (s)", seconds(write.elapsed()));

        // 100k single-row transactions on 1000 keys: each key inserted once, then updated 99 times. The mirror
        // must end with the last value per key, which only an order by source position gives.
        Timer small = Timer.start();
        lab.source().execute("SET synchronous_commit = off",
                "DO $$ BEGIN FOR i IN 1.." + CHANGES + " LOOP "
                        + "INSERT INTO c2v_many VALUES (i % 1000, i) ON CONFLICT (id) DO UPDATE SET v = EXCLUDED.v; "
                        + "COMMIT; END LOOP; END $$");
        figures.put("many transactions: PostgreSQL commits (s)", seconds(small.elapsed()));
        String many = c2v.awaitLake("public.c2v_many", CHANGES);
        figures.put("many transactions: first commit to all rows in Iceberg (s)", seconds(small.elapsed()));

        Timer mergeOne = Timer.start();
        Materializer.of(lake, one, List.of("id")).mergeInto(c2v.lakeTable("c2v_one_mirror"));
        figures.put("one transaction: MERGE INTO mirror (s)", seconds(mergeOne.elapsed()));
        Timer mergeMany = Timer.start();
        Materializer.of(lake, many, List.of("id")).mergeInto(c2v.lakeTable("c2v_many_mirror"));
        figures.put("many transactions: MERGE INTO mirror (s)", seconds(mergeMany.elapsed()));

        Reconciliation rOne = ChangeSemanticsScenariosTest.reconcile(lab, "c2v_one", c2v.lakeTable("c2v_one_mirror"));
        Reconciliation rMany = ChangeSemanticsScenariosTest.reconcile(lab, "c2v_many", c2v.lakeTable("c2v_many_mirror"));
        long duplicateLsns = lake.rows("SELECT count(*) - count(DISTINCT __lsn) FROM " + one).get(0).getLong(0);
        figures.put("one transaction: events sharing an __lsn", duplicateLsns);
        figures.put("changelog rows (one / many)", lake.rows("SELECT count(*) FROM " + one).get(0).getLong(0) + " / "
                + lake.rows("SELECT count(*) FROM " + many).get(0).getLong(0));

        CHANGE_SEMANTICS.section(C2_VOLUME)
                .paragraph("100,000 inserts in one transaction, and 100,000 single-row transactions (1,000 keys, each "
                        + "inserted once and updated 99 times; synchronous_commit=off for the writer), through the "
                        + "changelog sink, merged into mirrors and reconciled. One transaction: " + rOne.summary()
                        + ". Many transactions: " + rMany.summary() + ".")
                .figures("C2 volume figures (2 shared cores)", figures);
        CHANGE_SEMANTICS.write();

        assertThat(rOne.matches()).as(rOne.summary()).isTrue();
        assertThat(rOne.sourceRows()).isEqualTo(CHANGES);
        assertThat(rMany.matches()).as(rMany.summary()).isTrue();
        assertThat(rMany.sourceRows()).isEqualTo(1000);
        assertThat(duplicateLsns).as("each event of one transaction has its own LSN").isZero();
    }

    private static String seconds(Duration d) {
        return String.format("%.1f", d.toMillis() / 1000.0);
    }
}
