package io.cdclab.scenarios;

import io.cdclab.connect.ConnectorState;
import io.cdclab.connect.IcebergCoordinatorOffsets;
import io.cdclab.connect.InvalidConnectorConfigException;
import io.cdclab.endpoints.CatalogSpec;
import io.cdclab.endpoints.SourceDatabase;
import io.cdclab.errors.LabException;
import io.cdclab.faults.ChangelogAudit;
import io.cdclab.faults.CrashUnderLoad;
import io.cdclab.faults.FaultTimelineRecorder;
import io.cdclab.faults.FaultsReport;
import io.cdclab.faults.WriteLoad;
import io.cdclab.junit.CdcLab;
import io.cdclab.lake.JdbcCatalogSetup;
import io.cdclab.profiles.SettingsProfile;
import io.cdclab.report.ScenarioFinding;
import io.cdclab.servers.PostgresServer;
import io.cdclab.topology.RunningTopology;
import io.cdclab.verify.LakeInvariants;
import io.cdclab.verify.Reconciliation;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Scenarios F3-F7 and F10 of SCENARIOS.md: the Connect worker killed, the Kafka broker and PostgreSQL restarted,
 * each under a continuous write load and each followed by the lake invariants (F8); bad input; a scan for leaked
 * secrets over everything the class left behind; and two sink tasks opening a fresh JDBC catalog at once.
 */
@CdcLab(kafkaPartitions = 3, profile = SettingsProfile.RECOVERY)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashAndBadInputScenariosTest {
    static final ScenarioFinding F3 = ScenarioFinding.of("F3", "Connect worker killed under load", """
            A kill -9 of the Connect worker could lose rows in the Iceberg sink (its coordinator reads the control
            topic from latest); with the coordinator's offsets seeded, as the lab does, nothing is lost or duplicated
            in the state.""");
    static final ScenarioFinding F4 = ScenarioFinding.of("F4", "Kafka broker restarted under load",
            "A broker restart under write load loses nothing and duplicates nothing in the state.");
    static final ScenarioFinding F5 = ScenarioFinding.of("F5", "PostgreSQL restarted under load", """
            A PostgreSQL restart under write load loses nothing: the slot keeps the position; the sink task fails
            while its JDBC catalog in that PostgreSQL is down, and restarting the failed task recovers it.""");
    static final ScenarioFinding F10 = ScenarioFinding.of("F10", "a fresh JDBC catalog under two sink tasks", """
            Two sink tasks opening a fresh JDBC catalog at once can fail the slower one (its schema migration and
            namespace creation do not tolerate a concurrent one); the lab prepares the catalog and the namespaces
            before the sink starts.""");
    static final ScenarioFinding F6 = ScenarioFinding.of("F6", "bad input", """
            Each bad input gets an error that names the problem while the pipeline's table keeps flowing; a poison
            record is survivable only with errors.tolerance=all and a dead-letter topic.""");
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Duration TICK = Duration.ofMillis(100);
    private static final Map<String, Throwable> EXCEPTIONS_SEEN = new LinkedHashMap<>();

    /**
     * F10: a fresh JdbcCatalog opened twice at once, as two sink tasks of one connector do on their first start.
     * The race is made certain rather than hoped for: the catalog's table is held locked between the V0 create
     * (which each open does first, and which tolerates a concurrent create) and the V1 migration, so both opens
     * see the column missing and both ALTER. The other half of F10 is F3's sink: {@code tasks.max=2}, the first
     * pipeline on this topology, both tasks RUNNING on a catalog only the lab's start-up had opened.
     */
    @Test
    @Order(0)
    void f10_freshJdbcCatalog_twoConcurrentOpensRace_theLabsCatalogIsMigratedBeforeAnyPipeline(RunningTopology lab)
            throws Exception {
        Assumptions.assumeTrue(lab.service("postgres") instanceof PostgresServer, () -> "F10's catalog race skipped "
                + "on the " + lab.backend() + " backend: it creates a second catalog database as PostgreSQL's "
                + "superuser, which only the embedded backend's PostgresServer offers a test (F3's two sink tasks, "
                + "F10's other half, run here)");
        CatalogSpec labCatalog = lab.catalog();
        SourceDatabase labCatalogDb = catalogDatabase(lab, labCatalog, "lake_catalog");
        assertThat(labCatalogDb.query("SELECT 1 FROM information_schema.columns WHERE table_name = 'iceberg_tables' "
                + "AND column_name = 'iceberg_type'")).as("the lab migrated its catalog before any pipeline").hasSize(1);

        // A database the lab never initialised, for the same catalog user.
        ((PostgresServer) lab.service("postgres")).createDatabase("f10_fresh_catalog",
                labCatalog.properties().get("jdbc.user"));
        SourceDatabase freshDb = catalogDatabase(lab, labCatalog, "f10_fresh_catalog");
        CatalogSpec fresh = labCatalog.withProperties(Map.of("uri", freshDb.jdbcUrl()));
        JdbcCatalogSetup.initialise(fresh.withProperties(Map.of("jdbc.schema-version", "V0")));
        List<Throwable> failures = new ArrayList<>();
        try (Connection holder = freshDb.connect()) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("LOCK TABLE iceberg_tables IN ACCESS EXCLUSIVE MODE");
            List<CompletableFuture<Boolean>> opens = List.of(
                    CompletableFuture.supplyAsync(() -> JdbcCatalogSetup.initialise(fresh)),
                    CompletableFuture.supplyAsync(() -> JdbcCatalogSetup.initialise(fresh)));
            Awaitility.await("both opens waiting to migrate iceberg_tables").atMost(TIMEOUT).pollInterval(TICK)
                    .until(() -> freshDb.query("SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                            + "WHERE c.relname = 'iceberg_tables' AND NOT l.granted").size() == 2);
            holder.commit();
            for (CompletableFuture<Boolean> open : opens) {
                try {
                    open.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    failures.add(e.getCause());
                }
            }
        }
        assertThat(failures).as("exactly one of two concurrent first opens fails").hasSize(1);
        assertThat(failures.get(0)).hasRootCauseMessage(
                "ERROR: column \"iceberg_type\" of relation \"iceberg_tables\" already exists");
        assertThat(failures.get(0).getCause()).hasMessage("Cannot check and eventually update SQL schema");
    }

    /** The catalog's database {@code database}, reached as the catalog's user with its password. */
    private static SourceDatabase catalogDatabase(RunningTopology lab, CatalogSpec catalog, String database) {
        return new SourceDatabase(lab.source().host(), lab.source().port(), database,
                catalog.properties().get("jdbc.user"), catalog.secretProperties().get("jdbc.password").value());
    }

    /**
     * The worker process dies with both connectors on it. The sink's control topic gets 12 partitions here (the
     * lab's default is the topology's partition count): the restarted task's new producer key then most likely
     * hashes to a control partition no coordinator has read yet, the case in which the sink (1.12) loses rows
     * unless every control partition has a committed coordinator offset (see IcebergCoordinatorOffsets).
     */
    @Test
    @Order(1)
    void f3_f10_connectWorkerKilled_restarted_nothingLostNothingDuplicatedInTheState_twoSinkTasksStartClean(
            RunningTopology lab) {
        IcebergCoordinatorOffsets.createControlTopic(lab.kafkaBootstrapServers(), "iceberg-control-f3", 12);
        // F10: two sink tasks, as the topology's first pipeline: without the lab's catalog set-up both would
        // migrate the fresh JDBC catalog at once.
        crash(lab, "f3", "F3", "Connect worker kill -9, then started again", 2, () -> {
            assertThat(committedControlPartitions(lab.kafkaBootstrapServers(), "connect-f3-sink-coord"))
                    .as("the lab committed a coordinator offset for every control partition before the sink started")
                    .isEqualTo(12);
            lab.service("connect").kill();
            lab.service("connect").start();
        });
    }

    @Test
    @Order(2)
    void f4_kafkaBrokerRestarted_nothingLostNothingDuplicatedInTheState(RunningTopology lab) {
        crash(lab, "f4", "F4", "Kafka broker restarted", 1, () -> lab.service("kafka").restart());
    }

    @Test
    @Order(3)
    void f5_postgresRestarted_slotKeepsThePosition_nothingLostNothingDuplicatedInTheState(RunningTopology lab) {
        crash(lab, "f5", "F5", "PostgreSQL restarted", 1, () -> lab.service("postgres").restart());
    }

    @Test
    @Order(4)
    void f6_badInput_invalidConfigWrongPasswordMissingTablePoisonRecord_clearErrorsOtherTablesFlowNothingLost(RunningTopology lab) {
        WriteLoad.createTable(lab.source(), "public.f6_events");
        Scenario scenario = Scenario.on(lab);
        Scenario.Capture f6 = scenario.capture("f6", "public.f6_events")
                .sinkConfig("errors.tolerance", "all")
                .sinkConfig("errors.deadletterqueue.topic.name", "f6-dead-letters")
                .sinkConfig("errors.deadletterqueue.topic.replication.factor", "1")
                .sinkConfig("errors.deadletterqueue.context.headers.enable", "true")
                .start();
        String table = f6.lakeTable("f6_events");
        List<List<Object>> rows = new ArrayList<>();
        try (WriteLoad load = WriteLoad.start(lab.source(), "public.f6_events", TICK);
             FaultTimelineRecorder timeline = FaultTimelineRecorder.start(lab.connect(),
                     List.of(f6.pipeline().source().name(), f6.pipeline().sink().name()))) {
            load.awaitCommitted(10, TIMEOUT);
            timeline.fault("an invalid connector config, a wrong password and a missing table, each refused");

            // An invalid config: Connect's own validation message, naming the key, before anything is created.
            scenario.given("CREATE TABLE public.f6_other (id int PRIMARY KEY)");
            Throwable invalid = catchThrown(() -> scenario.capture("f6-invalid", "public.f6_other")
                    .sourceConfig("snapshot.mode", "sometimes").start());
            EXCEPTIONS_SEEN.put("F6 invalid config", invalid);
            assertThat(invalid).isInstanceOf(InvalidConnectorConfigException.class)
                    .hasMessageContaining("f6-invalid-source").hasMessageContaining("snapshot.mode");
            rows.add(List.of("invalid connector config", firstLine(invalid.getMessage())));

            // Wrong credentials: a real password of another role. Debezium's validation logs in and says why not.
            Throwable wrongPassword = catchThrown(() -> scenario.capture("f6-wrong-password", "public.f6_other")
                    .sourceConfig("database.password", "${env:CDC_LAB_CATALOG_PASSWORD}").start());
            EXCEPTIONS_SEEN.put("F6 wrong password", wrongPassword);
            assertThat(wrongPassword).isInstanceOf(InvalidConnectorConfigException.class)
                    .hasMessageContaining("password authentication failed");
            rows.add(List.of("wrong database password", firstLine(wrongPassword.getMessage())));
            assertThat(lab.connect().connectors()).doesNotContain("f6-invalid-source", "f6-wrong-password-source");

            // A missing table: Debezium would run and capture nothing; the lab names the table instead.
            Throwable missingTable = catchThrown(() -> scenario.capture("f6-missing", "public.f6_no_such_table").start());
            EXCEPTIONS_SEEN.put("F6 missing table", missingTable);
            assertThat(missingTable).isInstanceOf(LabException.class)
                    .hasMessageContaining("public.f6_no_such_table").hasMessageContaining("do not exist");
            assertThat(lab.connect().connectors()).doesNotContain("f6-missing-source", "f6-missing-sink");
            rows.add(List.of("missing table", firstLine(missingTable.getMessage())));

            // A poison record: bytes that are no JSON, in the middle of the table's topic.
            timeline.fault("a poison record (not JSON) on the table's topic");
            String poison = "this is not a change event {";
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, lab.kafkaBootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
                producer.send(new ProducerRecord<>(f6.pipeline().topic("f6_events"), 0, null,
                        poison.getBytes(StandardCharsets.UTF_8))).get();
            } catch (Exception e) {
                throw new AssertionError("could not produce the poison record", e);
            }
            ConsumerRecord<String, String> dead = firstRecord(lab.kafkaBootstrapServers(), "f6-dead-letters");
            assertThat(dead.value()).isEqualTo(poison);
            String reason = header(dead, "__connect.errors.exception.message");
            assertThat(header(dead, "__connect.errors.exception.class.name")).contains("DataException");
            assertThat(header(dead, "__connect.errors.topic")).isEqualTo(f6.pipeline().topic("f6_events"));
            rows.add(List.of("poison record (not JSON)", "dead-letter topic f6-dead-letters: " + reason));

            long after = load.awaitCommitted((int) load.committedTransactions() + 10, TIMEOUT);
            ChangelogAudit.awaitDelivered(lab.lake(), table, after, TIMEOUT);
            // No outage to shade: the table kept flowing; the mark shows when a later row was seen in Iceberg.
            timeline.action("row " + after + ", written after the poison record, is in Iceberg (no restart)");
            ConnectorState sink = lab.connect().status(f6.pipeline().sink().name());
            assertThat(sink.isRunning()).as("sink after the poison record: %s", sink).isTrue();
            load.stop();
            ChangelogAudit audit = ChangelogAudit.awaitComplete(lab.lake(), table, load.insertedIds(), TIMEOUT);
            Reconciliation r = reconcile(f6, "public.f6_events");
            assertThat(r.matches()).as(r.summary()).isTrue();
            assertThat(audit.missingInserts()).isEmpty();
            assertThat(audit.duplicateEvents()).isZero();
            LakeInvariants.forPipeline(lab, f6.pipeline(), "public.f6_events").check().assertHolds();
            rows.add(List.of("other table kept flowing", r.sourceRows() + " rows reconciled, " + audit.events()
                    + " changelog events, 0 lost, 0 duplicated"));
            FaultsReport.timeline("F6", timeline.finish("F6: bad input while the table is under load", load,
                    lab.lake(), table));
        }
        FaultsReport.page().section(F6)
                .paragraph("Each bad input gives an error that names the problem; the pipeline's table keeps flowing "
                        + "under its write load throughout. A poison record is only survivable with errors.tolerance=all "
                        + "and a dead-letter topic; without them the sink task fails and the table stops.")
                .table("Bad input and what the user sees", List.of("input", "error"), rows);
        FaultsReport.page().write();
        f6.pipeline().delete();
    }

    @Test
    @Order(5)
    void f7_secrets_noPasswordOrKeyInLogsReportsExceptionsOrTheConfigTopic(RunningTopology lab) {
        assertThat(EXCEPTIONS_SEEN).as("F6 ran first and left its exceptions to scan").isNotEmpty();
        SecretLeaks.assertNone(lab, "crashes and bad input", EXCEPTIONS_SEEN);
    }

    /** One crash under load: inject, restart whatever FAILED, and prove the state matches PostgreSQL. */
    private static void crash(RunningTopology lab, String pipelineId, String id, String fault, int sinkTasks,
                              Runnable inject) {
        CrashUnderLoad.Result result = CrashUnderLoad.on(lab, pipelineId, id, fault).sinkTasks(sinkTasks)
                .timelineCaption(timelineCaption(id, fault, sinkTasks)).inject(pipeline -> inject.run()).run();
        assertRecovered(result);
    }

    /** What F3-F5 and F9 assert: nothing lost, nothing duplicated in the state, the lake invariants hold. */
    static void assertRecovered(CrashUnderLoad.Result result) {
        FaultsReport.record(result.outcome(), result.timeline());
        Reconciliation r = result.state();
        assertThat(r.matches()).as(r.summary()).isTrue();
        assertThat(r.sourceRows()).isGreaterThan(20);
        assertThat(result.audit().missingInserts()).as("committed inserts missing from the changelog\n%s",
                result.lossEvidence()).isEmpty();
        // Raw duplicates (at-least-once) are allowed and reported; the materialised state absorbed them above.
        result.invariants().assertHolds();
    }

    /** F3's sink runs two tasks: its timeline is F10's too. */
    private static String timelineCaption(String id, String fault, int sinkTasks) {
        return (sinkTasks > 1 ? id + " / F10 (" + sinkTasks + " sink tasks)" : id) + ": " + fault;
    }

    private static Reconciliation reconcile(Scenario.Capture capture, String sourceTable) {
        return capture.reconcile("SELECT id, version, note FROM " + sourceTable, sourceTable, "id");
    }

    private static Throwable catchThrown(Runnable action) {
        try {
            action.run();
        } catch (Throwable t) {
            return t;
        }
        throw new AssertionError("expected an error, but nothing was thrown");
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("");
    }

    private static ConsumerRecord<String, String> firstRecord(String bootstrap, String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            Awaitility.await("a record on " + topic).atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions().until(() -> {
                        if (consumer.assignment().isEmpty()) {
                            var infos = consumer.partitionsFor(topic, Duration.ofSeconds(2));
                            if (infos == null || infos.isEmpty()) {
                                return false;
                            }
                            List<TopicPartition> parts = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
                            consumer.assign(parts);
                            consumer.seekToBeginning(parts);
                        }
                        consumer.poll(Duration.ofMillis(300)).forEach(seen::add);
                        return !seen.isEmpty();
                    });
            return seen.get(0);
        }
    }


    private static int committedControlPartitions(String bootstrap, String group) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return (int) admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                    .values().stream().filter(Objects::nonNull).count();
        } catch (Exception e) {
            throw new AssertionError("could not read the offsets of " + group, e);
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
