package io.cdclab.runtime;

import io.cdclab.errors.LabException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the embedded servers run from, as Maven coordinates the lab resolves on first use (the way Testcontainers
 * pulls an image) instead of putting them on the user's classpath: Connect's Jetty/Jersey/Jackson and S3Proxy's
 * Jackson 3 would clash with Spark's.
 *
 * <p>Each runtime's artifacts are pinned in {@code io/cdclab/runtime/<name>.lock}, one exact coordinate per line in
 * classpath order, and resolved one by one, never transitively: a lab built today runs the same jars tomorrow,
 * whatever gets published meanwhile. {@code RuntimeLockTest} checks the locks against the roots they came from.
 */
public enum LabRuntime {
    /** The Kafka broker and the Connect worker (one set of jars, like a Kafka distribution's {@code libs/}). */
    KAFKA("kafka"),
    /** The S3-compatible server of the default lake. */
    S3PROXY("s3proxy"),
    /** The Debezium PostgreSQL connector's plugin folder (Kafka's own jars left to the worker). */
    DEBEZIUM_POSTGRES("debezium-postgres"),
    /** The Apache Iceberg sink's plugin folder: the sink, Parquet, S3FileIO and GlueCatalog, a little Hadoop. */
    ICEBERG_SINK("iceberg-sink"),
    /** Apicurio's Avro converter for Connect, a plugin folder of its own (Avro pipelines only). */
    APICURIO_CONVERTER("apicurio-converter"),
    /** Apicurio Registry, the schema registry of Avro pipelines: one tar.gz of a Quarkus app (Java 21+). */
    APICURIO_REGISTRY("apicurio-registry"),
    /** zonky's PostgreSQL 16 binaries: one jar per platform, of which only the machine's own is resolved. */
    POSTGRES_BINARIES("postgres-binaries");

    private final String lockName;

    LabRuntime(String lockName) {
        this.lockName = lockName;
    }

    public String lockName() {
        return lockName;
    }

    public String lockResource() {
        return "io/cdclab/runtime/" + lockName + ".lock";
    }

    /** The pinned coordinates, {@code groupId:artifactId:extension[:classifier]:version}, in order. */
    public List<String> lockedCoordinates() {
        try (InputStream in = LabRuntime.class.getClassLoader().getResourceAsStream(lockResource())) {
            if (in == null) {
                throw new LabException("The lab's jar has no " + lockResource() + ": it was built without its "
                        + "runtime locks. Rebuild cdc-lab (mvn install).");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new LabException("Cannot read " + lockResource() + ": " + e.getMessage(), e);
        }
    }
}
