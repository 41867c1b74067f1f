package io.cdclab.report;

import io.cdclab.report.LabReport.Verdict;

import java.util.List;

/**
 * The seed document's claims ({@code ../shared/seed/cdc-using-kafka-README.md}) and what the lab measured (the
 * findings in docs/FINDINGS.md), for the index's "the seed says / the lab found / shown by" table. The scenarios that show
 * each one carry their own verdict there, from this run.
 */
final class SeedClaims {
    record Claim(String seedSays, Verdict verdict, String labFound, List<String> shownBy) {
    }

    static final List<Claim> ALL = List.of(
            new Claim("The key hash is used to map messages to partitions.", Verdict.NUANCED,
                    "Every keyed event lands where murmur2 of the serialized key says and a key never moves; but the "
                            + "key is the converter's output: switching key.converter.schemas.enable moved 2,008 of 2,400 keys.",
                    List.of("K1", "K2", "K6", "P1")),
            new Claim("Null key messages are sent to a partition in a round-robin fashion (default partitioner).",
                    Verdict.REFUTED,
                    "Null keys stick to one partition per batch (runs of about 10 events); only RoundRobinPartitioner "
                            + "is exactly even, and it scatters one row's changes over partitions.",
                    List.of("K4", "P1")),
            new Claim("Without a PK or unique key the message key is sent as null.", Verdict.NUANCED,
                    "Before any key is sent, PostgreSQL refuses the application's own UPDATE and DELETE on a keyless "
                            + "table in the publication (SQLSTATE 55000); REPLICA IDENTITY FULL or USING INDEX fixes it.",
                    List.of("K3", "K4", "K6")),
            new Claim("Debezium can add keys manually (message.key.columns) for tables missing constraints.",
                    Verdict.NUANCED,
                    "The key is built and stable, but it does not fix the replica identity error: UPDATE and DELETE "
                            + "still need REPLICA IDENTITY FULL or an index.",
                    List.of("K5")),
            new Claim("With keys per row, partitioning keeps each row's changes in order.", Verdict.NUANCED,
                    "Keyed rows keep commit order; keyless rows spread over partitions and the state rebuilt from the "
                            + "lake was wrong in 2 of 3 runs.",
                    List.of("P2")),
            new Claim("A custom partitioner implements Partitioner with its own key-to-partition logic.",
                    Verdict.NUANCED,
                    "It is loaded through the connector's plugin class loader, so its jar goes beside Debezium; "
                            + "Debezium's PartitionRouting left 81 of 100 tombstones away from their rows.",
                    List.of("P1")),
            new Claim("If the temp credentials expire: stop the sink, bounce the Connect container with new AWS_* "
                    + "variables, start the sink.", Verdict.NUANCED,
                    "It works with nothing lost, but it stops every connector on the worker; a config-provider "
                            + "restart of the sink alone is faster, and a refreshing credentials provider needs no restart.",
                    List.of("F1", "F2", "F2r", "G2", "G3")),
            new Claim("This will only restart the connect container leaving rest intact.", Verdict.NUANCED,
                    "Kafka and PostgreSQL stay up, but Debezium's source connector stops with the worker too.",
                    List.of("F1")),
            new Claim("Use temp credentials to interact with Glue and S3.", Verdict.NUANCED,
                    "With expired keys the sink does not fail fast (task FAILED ~95 s later, a 403 with no code); "
                            + "an S3 write fails first, and Glue table names must be one level.",
                    List.of("F1", "G1", "G2", "G4")),
            new Claim("Tables are synced from PostgreSQL to the Iceberg sink (implied: the lake mirrors the source).",
                    Verdict.NUANCED,
                    "The sink is append-only: every change event is a row; current state must be rebuilt (MERGE by "
                            + "LSN), and a kill -9 of the worker could lose rows until the coordinator's offsets were seeded.",
                    List.of("C1", "C2", "F3")));

    private SeedClaims() {
    }
}
