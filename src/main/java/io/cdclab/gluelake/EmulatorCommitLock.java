package io.cdclab.gluelake;

import org.apache.iceberg.aws.dynamodb.DynamoDbLockManager;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serialises Iceberg commits to the emulated Glue catalog, which real Glue does by itself.
 * <p>
 * GlueCatalog commits optimistically: it checks that the table's {@code metadata_location} is still the one it
 * started from, then calls UpdateTable with the table's {@code VersionId}, and Glue rejects a stale version with
 * ConcurrentModificationException. moto's UpdateTable ignores {@code VersionId}. Two writers committing to one
 * table at once (the sink's coordinator appending while its worker evolves the schema, or a Spark job beside the
 * sink) can then both succeed, and the later metadata silently drops the other's snapshot: rows lost from the lake
 * with every component reporting success. On the emulator the lab therefore gives the catalog Iceberg's own
 * distributed lock, {@link DynamoDbLockManager}, on the emulator's DynamoDB; on real AWS no lock is configured,
 * as Iceberg recommends there. Found when C3 on the Glue lake lost 2 of 12 rows under CI load.
 */
public final class EmulatorCommitLock {
    public static final String TABLE = "cdc-lab-iceberg-commit-lock";
    /** The role policy that lets the sink's sessions take the lock; not part of {@link SinkPolicy} (AWS needs none). */
    public static final String ROLE_POLICY = "cdc-lab-emulator-commit-lock";

    private EmulatorCommitLock() {
    }

    /**
     * The catalog properties that turn the lock on. A short lease (heartbeat timeout): a writer that finds the lock
     * held sleeps one whole lease before it tries again, even when the holder released long before, and a worker
     * killed while holding it (the chaos scenarios) must not stall the next commit for long. A commit holds the lock
     * for well under a second. A heartbeat that fires just after a release logs "Fail to heartbeat ... unsafe
     * concurrent commits" at ERROR (Iceberg cancels the heartbeat after deleting the lock item); it is harmless: the
     * commit it follows has completed.
     */
    public static Map<String, String> catalogProperties(URI endpoint) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("lock-impl", DynamoDbLockManager.class.getName());
        props.put("lock.table", TABLE);
        props.put("dynamodb.endpoint", endpoint.toString());
        props.put("lock.acquire-interval-ms", "100");
        props.put("lock.acquire-timeout-ms", "60000");
        props.put("lock.heartbeat-interval-ms", "500");
        props.put("lock.heartbeat-timeout-ms", "3000");
        return props;
    }

    /** Creates the lock table (as the lab's admin, with Iceberg's own schema for it). */
    static void createTable(DynamoDbClient dynamo) {
        try (DynamoDbLockManager ignored = new DynamoDbLockManager(dynamo, TABLE)) {
            // the constructor creates the table and waits until it is active
        } catch (Exception e) {
            throw new IllegalStateException("Could not create the emulator's commit-lock table " + TABLE, e);
        }
    }

    /**
     * What the sink's role needs to take and release the lock (the lock manager reads, writes and deletes items).
     * The resource is {@code *}: moto matches DynamoDB resources, as it does Glue's, only against {@code *}.
     */
    static String roleDocument() {
        return SinkPolicy.json(Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                "Sid", "IcebergCommitLock", "Effect", "Allow",
                "Action", List.of("dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PutItem",
                        "dynamodb:UpdateItem", "dynamodb:DeleteItem"),
                "Resource", List.of("*")))));
    }
}
