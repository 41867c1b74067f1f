package io.cdclab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdclab.check.CheckResult;
import io.cdclab.errors.LabException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The main job with a team's own files ({@code --schema --source --sink --tables}), typed in the team's folder
 * outside the lab's checkout with relative paths, as a new user would. Its files are written here for this team,
 * not copied from the lab's fixtures: a keyed table, one with a composite key, one without a key, and a sink
 * config with a placeholder of the team's own.
 */
class TeamPipelineMainJobTest {
    private static final Duration EXIT = Duration.ofSeconds(240);

    @TempDir
    Path team;

    @Test
    void aTeamsOwnFiles_runTheirPipeline_andEveryKeyedTableMatchesPostgres() throws IOException, InterruptedException {
        try (MainJobProcess job = startInTheTeamsFolder("team-pipeline",
                "--tables shop.orders,shop.order_lines,shop.audit_log --id shop")) {
            int exit = job.awaitExit(EXIT);

            assertThat(job.output()).as(job.tail())
                    .contains("schema applied: " + team.resolve("sql/shop.sql"))
                    .contains("shop.orders -> lake.cdc_shop.orders compared with PostgreSQL row by row: identical")
                    .contains("shop.order_lines -> lake.cdc_shop.order_lines compared with PostgreSQL row by row: identical")
                    .contains("shop.audit_log -> lake.cdc_shop.audit_log: 3 row(s) in PostgreSQL")
                    .contains("no primary key");
            assertThat(exit).as(job.tail()).isZero();
        }
    }

    @Test
    void aTableTheSchemaDidNotCreate_failsNamingTheSchemaFileAndTheTablesThere() throws IOException, InterruptedException {
        try (MainJobProcess job = startInTheTeamsFolder("team-pipeline-bad-table", "--tables shop.orders,shop.ordres")) {
            int exit = job.awaitExit(EXIT);

            assertThat(job.output()).as(job.tail()).contains("--tables names [shop.ordres], which "
                    + team.resolve("sql/shop.sql") + " did not create").contains("shop.order_lines");
            assertThat(exit).isEqualTo(1);
        }
    }

    /** {@code --check}, static rules only, as a team runs it in its own CI: the verdict, the exit code, the JSON. */
    @Test
    void check_aTeamsFilesFromItsOwnFolder_namesWhatTheLabFound_exit1_andWritesTheJsonWhereAsked()
            throws IOException, InterruptedException {
        try (MainJobProcess job = startInTheTeamsFolder("team-check", "--check --no-probe "
                + "--tables shop.orders,shop.order_lines,shop.audit_log --json target/check.json")) {
            int exit = job.awaitExit(EXIT);

            assertThat(job.output()).as(job.tail()).contains("cdc-lab check: FAILED")
                    .contains("[breaks] keyless-table-published (scenario K3) at shop.audit_log")
                    .contains("fix: ALTER TABLE shop.audit_log")
                    .contains("[loses data] control-topic-unguarded (scenario F3)")
                    .contains("json:   " + team.resolve("target/check.json"));
            assertThat(exit).as(job.tail()).isEqualTo(CheckResult.EXIT_FINDINGS);
            JsonNode json = new ObjectMapper()
                    .readTree(team.resolve("target/check.json").toFile());
            assertThat(json.path("verdict").asText()).isEqualTo("failed");
            assertThat(json.path("findings").findValuesAsText("rule"))
                    .contains("keyless-table-published", "control-topic-unguarded");
        }
    }

    @Test
    void aMissingFileOrAnUnfilledPlaceholder_isRefusedBeforeAnythingStarts() throws IOException {
        writeTeamFiles();
        System.setProperty(MainJobLauncher.INVOCATION_DIR, team.toString());
        try {
            assertThatThrownBy(() -> TeamPipeline.from(List.of("--schema", "sql/nope.sql", "--source",
                    "connect/shop-debezium.json", "--sink", "connect/shop-iceberg.json", "--tables", "shop.orders")))
                    .isInstanceOf(LabException.class).hasMessageContaining("--schema sql/nope.sql: no such file")
                    .hasMessageContaining(team.resolve("sql/nope.sql").toString());
            assertThatThrownBy(() -> TeamPipeline.from(List.of("--schema", "sql/shop.sql", "--source",
                    "connect/shop-debezium.json", "--sink", "connect/shop-iceberg.json", "--tables", "shop.orders")))
                    .isInstanceOf(LabException.class).hasMessageContaining("shop-iceberg.json")
                    .hasMessageContaining("[shop.commit.ms]").hasMessageContaining("--set shop.commit.ms=");
            assertThatThrownBy(() -> TeamPipeline.from(List.of("--schema", "sql/shop.sql", "--tables", "shop.orders")))
                    .hasMessageContaining("missing --source, --sink");
        } finally {
            System.clearProperty(MainJobLauncher.INVOCATION_DIR);
        }
    }

    /**
     * Writes the team's files and starts the main job in the team's folder, naming them with relative paths as the
     * team types them, followed by {@code moreArgs}.
     */
    private MainJobProcess startInTheTeamsFolder(String name, String moreArgs) throws IOException {
        writeTeamFiles();
        return MainJobProcess.start(name, List.of("-Dlab.args=--schema sql/shop.sql --source connect/shop-debezium.json"
                + " --sink connect/shop-iceberg.json --set shop.commit.ms=1000 " + moreArgs), env -> { }, team);
    }

    private void writeTeamFiles() throws IOException {
        Files.createDirectories(team.resolve("sql"));
        Files.createDirectories(team.resolve("connect"));
        Files.writeString(team.resolve("sql/shop.sql"), """
                CREATE SCHEMA shop;
                CREATE TABLE shop.orders (order_id bigint PRIMARY KEY, customer text NOT NULL, total numeric(10,2));
                CREATE TABLE shop.order_lines (order_id bigint NOT NULL, line_no int NOT NULL, sku text NOT NULL, qty int NOT NULL,
                    PRIMARY KEY (order_id, line_no));
                -- an append-only audit table without a key, as many teams have
                CREATE TABLE shop.audit_log (happened_at timestamptz NOT NULL DEFAULT now(), message text);
                INSERT INTO shop.orders VALUES (1, 'ada', 10.50), (2, 'grace', 7.25), (3, 'edsger', NULL);
                INSERT INTO shop.order_lines VALUES (1, 1, 'engine', 1), (1, 2, 'cards', 500), (2, 1, 'compiler', 1);
                INSERT INTO shop.audit_log (message) VALUES ('created'), ('paid'), ('shipped');
                """);
        Files.writeString(team.resolve("connect/shop-debezium.json"), """
                {"name": "{{connector.name}}",
                 "config": {
                   "connector.class": "io.debezium.connector.postgresql.PostgresConnector",
                   "plugin.name": "pgoutput",
                   "database.hostname": "{{postgres.host}}", "database.port": "{{postgres.port}}",
                   "database.user": "{{postgres.user}}", "database.password": "${env:CDC_LAB_POSTGRES_PASSWORD}",
                   "database.dbname": "{{postgres.database}}",
                   "topic.prefix": "{{topic.prefix}}", "table.include.list": "{{table.include.list}}",
                   "slot.name": "{{slot.name}}", "publication.name": "{{publication.name}}",
                   "publication.autocreate.mode": "filtered",
                   "topic.creation.default.partitions": "2", "topic.creation.default.replication.factor": "1"
                 }}
                """);
        Files.writeString(team.resolve("connect/shop-iceberg.json"), """
                {"name": "{{connector.name}}",
                 "config": {
                   "connector.class": "org.apache.iceberg.connect.IcebergSinkConnector",
                   "topics.regex": "{{topics.regex}}",
                   "consumer.override.metadata.max.age.ms": "2000",
                   "transforms": "debezium",
                   "transforms.debezium.type": "org.apache.iceberg.connect.transforms.DebeziumTransform",
                   "transforms.debezium.cdc.target.pattern": "{{iceberg.namespace}}.{table}",
                   "iceberg.tables.dynamic-enabled": "true",
                   "iceberg.tables.route-field": "_cdc.target",
                   "iceberg.tables.auto-create-enabled": "true",
                   "iceberg.control.topic": "{{iceberg.control.topic}}",
                   "iceberg.control.commit.interval-ms": "{{shop.commit.ms}}",
                   "iceberg.control.commit.timeout-ms": "5000"
                 }}
                """);
    }
}
