package io.cdclab.scenarios;

import io.cdclab.lake.Changelog;
import io.cdclab.lake.Lake;
import io.cdclab.lake.Materializer;
import io.cdclab.report.LabReport.Verdict;
import io.cdclab.report.ReportPage;
import io.cdclab.report.ScenarioFinding;
import io.cdclab.topology.RunningTopology;
import io.cdclab.verify.Reconciliation;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** C2's workload and checks on whatever topology it is given; its figures go to {@code report}. */
final class CurrentStateScenario {
    static final ScenarioFinding C2 = ScenarioFinding.of("C2", "current state: MERGE INTO a mirror, ordered by LSN", """
            The Iceberg sink only appends; a mirror rebuilt by MERGE INTO, newest event per key by LSN, equals
            PostgreSQL, re-running a merge changes nothing, and the reconciler catches a planted difference.""")
            .tests("Tables are synced from PostgreSQL to the Iceberg sink (implied: the lake mirrors the source).",
                    Verdict.NUANCED, """
                            The sink is append-only: every change event is a row; current state must be rebuilt (MERGE
                            by LSN), and a kill -9 of the worker could lose rows until the coordinator's offsets were
                            seeded.""", "C1", "F3");
    private CurrentStateScenario() {
    }

    static void c2(RunningTopology lab, ReportPage report) {
        Scenario.Capture c2 = Scenario.on(lab).given(
                        "CREATE TABLE public.c2_accounts (id int PRIMARY KEY, owner text NOT NULL, balance numeric(12,2))",
                        "INSERT INTO c2_accounts SELECT g, 'owner-' || g, g * 10.25 FROM generate_series(1, 20) g")
                .capture("c2", "public.c2_accounts").changelog().start();

        lab.source().execute("INSERT INTO c2_accounts SELECT g, 'owner-' || g, 0 FROM generate_series(21, 30) g");
        // Two updates of one key in one transaction: same commit, so the order must come from within it.
        lab.source().executeInTransaction(
                "UPDATE c2_accounts SET balance = balance + 1 WHERE id = 1",
                "UPDATE c2_accounts SET balance = balance * 2 WHERE id = 1",
                "UPDATE c2_accounts SET owner = 'renamed' WHERE id IN (2, 3, 4)");
        lab.source().execute("DELETE FROM c2_accounts WHERE id IN (6, 7)");
        lab.source().executeInTransaction(   // delete and re-insert the same key in one transaction
                "DELETE FROM c2_accounts WHERE id = 5",
                "INSERT INTO c2_accounts VALUES (5, 'reborn', 5.55)");
        lab.source().execute(
                "UPDATE c2_accounts SET id = 130 WHERE id = 30",              // a key change: delete 30, create 130
                "UPDATE c2_accounts SET owner = owner || '!' WHERE id BETWEEN 10 AND 15");
        // 20 r + 10 c + 5 u + 2 d + (d + c) + (d + c) + 6 u
        Lake lake = lab.lake();
        String changelog = c2.awaitLake("public.c2_accounts", 47);

        assertThat(lake.rows("SELECT __op, count(*) FROM " + changelog + " GROUP BY __op ORDER BY 1"))
                .as("Debezium's own op codes survive: snapshot reads stay r")
                .extracting(r -> r.getString(0) + "=" + r.getLong(1))
                .containsExactly("c=12", "d=4", "r=20", "u=11");
        List<Long> id1Lsns = lake.rows("SELECT __lsn FROM " + changelog + " WHERE id = 1 AND __op = 'u' ORDER BY __offset")
                .stream().map(r -> r.getLong(0)).toList();
        assertThat(id1Lsns).as("the two updates of id 1 in one transaction").hasSize(2);
        assertThat(id1Lsns.get(1)).as("source.lsn is each change's own WAL position, increasing within a transaction")
                .isGreaterThan(id1Lsns.get(0));
        long snapshotLsns = lake.rows("SELECT count(DISTINCT __lsn) FROM " + changelog + " WHERE __op = 'r'").get(0).getLong(0);
        assertThat(lake.rows("SELECT __deleted, id, owner FROM " + changelog + " WHERE __op = 'd' AND id = 6"))
                .as("a delete is rewritten to its before image, flagged __deleted; default replica identity: only "
                        + "the key is real, NOT NULL columns hold type defaults")
                .extracting(r -> r.getString(0) + "/" + r.getInt(1) + "/" + r.getString(2))
                .containsExactly("true/6/");

        Materializer materializer = Materializer.of(lake, changelog, List.of("id"));
        String mirror = c2.lakeTable("c2_accounts_mirror");
        Duration firstMerge = materializer.mergeInto(mirror);
        Reconciliation r = ChangeSemanticsScenariosTest.reconcile(lab, "c2_accounts", mirror);
        assertThat(r.matches()).as(r.summary()).isTrue();
        assertThat(r.sourceRows()).isEqualTo(28);
        assertThat(lake.rowsAsMaps(materializer.currentStateSql())).as("the query form gives the same state")
                .hasSize(28);

        // At-least-once delivery: the same events appended again (as after a sink retry) change nothing.
        lake.sql("INSERT INTO " + changelog + " SELECT * FROM " + changelog + " WHERE id IN (1, 5, 6, 30, 130)");
        materializer.mergeInto(mirror);
        Reconciliation afterDuplicates = ChangeSemanticsScenariosTest.reconcile(lab, "c2_accounts", mirror);
        assertThat(afterDuplicates.matches()).as(afterDuplicates.summary()).isTrue();

        // Planted differences: one row changed in PostgreSQL behind the pipeline's back (its publication briefly
        // not publishing updates), one row edited, one deleted and one added in the mirror.
        lab.source().execute(
                "ALTER PUBLICATION " + c2.pipeline().prefix() + " SET (publish = 'insert, delete')",
                "UPDATE c2_accounts SET balance = 999.99 WHERE id = 8",
                "ALTER PUBLICATION " + c2.pipeline().prefix() + " SET (publish = 'insert, update, delete, truncate')",
                "INSERT INTO c2_accounts VALUES (300, 'marker', 1)");
        c2.awaitLake("public.c2_accounts", 47 + 11 + 1);   // 11 duplicated events, then the marker's insert
        materializer.mergeInto(mirror);
        lake.sql("UPDATE " + mirror + " SET owner = 'tampered' WHERE id = 9");
        lake.sql("DELETE FROM " + mirror + " WHERE id = 11");
        lake.sql("INSERT INTO " + mirror + " VALUES (400, 'ghost', 0, 0)");
        Reconciliation planted = ChangeSemanticsScenariosTest.reconcile(lab, "c2_accounts", mirror);
        assertThat(planted.missing()).extracting(m -> m.get("id")).containsExactly(11);
        assertThat(planted.extra()).extracting(m -> m.get("id")).containsExactly(400);
        assertThat(planted.differing()).extracting(Object::toString).containsExactlyInAnyOrder(
                "{id=8}.balance: postgres=999.99 lake=82.00",
                "{id=9}.owner: postgres=owner-9 lake=tampered");
        assertThat(lake.rows("SELECT count(*) FROM " + changelog + " WHERE id = 8 AND __op = 'u'").get(0).getLong(0))
                .as("the update made while the publication skipped updates never reached Kafka").isZero();

        report.section(C2, ChangeSemanticsScenariosTest.onLake(lab))
                .paragraph("The Apache Iceberg sink only appends. The lab's changelog sink (fixture "
                        + Changelog.FIXTURE + ") runs Debezium's ExtractNewRecordState in the sink with "
                        + "add.fields=op,lsn,source.ts_ms,table and delete.tombstone.handling.mode=rewrite, then Kafka's "
                        + "InsertField for topic/partition/offset; each Iceberg row is one change event with __op "
                        + "(r/c/u/d, snapshot reads stay r), __lsn, __source_ts_ms, __deleted. Materializer merges the "
                        + "newest event per key (by __lsn, then Kafka offset) into a mirror table with MERGE INTO; the "
                        + "mirror keeps each row's __lsn so that an older or re-delivered event never overwrites a newer one.")
                .figures("C2 figures", Map.of(
                        "changelog rows", 47,
                        "distinct __lsn among 20 snapshot reads", snapshotLsns,
                        "first MERGE INTO (ms)", firstMerge.toMillis(),
                        "rows in PostgreSQL / mirror", r.sourceRows() + " / " + r.lakeRows(),
                        "planted: missing / extra / differing", planted.missing().size() + " / "
                                + planted.extra().size() + " / " + planted.differing().size()))
                .paragraph("Reconciler on the planted differences: " + planted.summary());
        report.write();
    }
}
