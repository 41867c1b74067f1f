package io.cdclab.runtime;

import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.Exclusion;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where each runtime's lock comes from: the artifacts the lab asks for by name (versions from the pom), the
 * exclusions and version pins that keep the tree working, and the groups left out of a plugin folder because the
 * worker provides them. {@link RuntimeLockTest} resolves these transitively, as Maven would, and compares the
 * result with the lock.
 *
 * @param roots           the dependencies asked for
 * @param managed         versions pinned for the whole tree (the lab's dependencyManagement)
 * @param excludedGroups  groups dropped from the resolved set
 */
record RuntimeRoots(List<Dependency> roots, List<Dependency> managed, Set<String> excludedGroups) {
    private static final Properties VERSIONS = versions();

    static RuntimeRoots of(LabRuntime runtime) {
        return switch (runtime) {
            case KAFKA -> new RuntimeRoots(List.of(
                    dep("org.apache.kafka:kafka_2.13", "kafka.version"),
                    dep("org.apache.kafka:connect-runtime", "kafka.version"),
                    dep("org.apache.kafka:connect-json", "kafka.version"),
                    dep("org.apache.kafka:connect-transforms", "kafka.version"),
                    dep("org.apache.logging.log4j:log4j-core", "log4j.version"),
                    dep("org.apache.logging.log4j:log4j-slf4j2-impl", "log4j.version"),
                    dep("org.slf4j:slf4j-api", "slf4j.version")), common(), Set.of());
            case S3PROXY -> new RuntimeRoots(List.of(dep("org.gaul:s3proxy", "s3proxy.version")),
                    // S3Proxy's Jackson 3 needs annotations >= 2.20; nearest-wins would pick 2.18 from another branch.
                    concat(common(), List.of(new Dependency(new DefaultArtifact("com.fasterxml.jackson.core:jackson-annotations:2.21"), "compile"))),
                    Set.of());
            case DEBEZIUM_POSTGRES -> new RuntimeRoots(
                    List.of(dep("io.debezium:debezium-connector-postgres", "debezium.version")), common(),
                    Set.of("org.apache.kafka"));
            case ICEBERG_SINK -> new RuntimeRoots(List.of(
                    dep("org.apache.iceberg:iceberg-kafka-connect", "iceberg.version"),
                    dep("org.apache.iceberg:iceberg-kafka-connect-transforms", "iceberg.version"),
                    dep("org.apache.iceberg:iceberg-parquet", "iceberg.version"),
                    dep("org.apache.iceberg:iceberg-aws", "iceberg.version"),
                    // the AWS SDK v2 pieces S3FileIO and GlueCatalog need, version-matched to Iceberg
                    dep("org.apache.iceberg:iceberg-aws-bundle", "iceberg.version"),
                    dep("org.postgresql:postgresql", "postgresql-jdbc.version"),
                    // Iceberg's Parquet writers and the sink use Hadoop's Configuration; the rest of Hadoop stays out
                    dep("org.apache.hadoop:hadoop-common", "hadoop.version",
                            "org.apache.hadoop:hadoop-annotations", "org.apache.zookeeper:*", "org.apache.curator:*",
                            "org.eclipse.jetty:*", "org.eclipse.jetty.websocket:*", "com.sun.jersey:*",
                            "com.github.pjfanning:*", "javax.servlet:*", "javax.servlet.jsp:*", "jakarta.activation:*",
                            "org.apache.kerby:*", "com.jcraft:*", "org.apache.avro:*", "ch.qos.reload4j:*",
                            "org.slf4j:*", "dnsjava:*", "io.netty:*")),
                    common(), Set.of("org.apache.kafka", "org.slf4j"));
            case APICURIO_CONVERTER -> new RuntimeRoots(
                    // its own Jackson set, unmanaged: the lab's databind pin would pair 2.21 with its jackson-core 2.17
                    List.of(dep("io.apicurio:apicurio-registry-utils-converter", "apicurio.converter.version")), List.of(),
                    Set.of("org.apache.kafka", "org.slf4j"));
            // The app's own tree is inside its tar.gz: the archive alone.
            case APICURIO_REGISTRY -> new RuntimeRoots(List.of(new Dependency(new DefaultArtifact(
                    "io.apicurio:apicurio-registry-app:tar.gz:all:" + version("apicurio.registry.version")), "compile",
                    false, List.of(new Exclusion("*", "*", "*", "*")))), common(), Set.of());
            case POSTGRES_BINARIES -> throw new IllegalArgumentException("the binaries have no tree: one jar each");
        };
    }

    /** The lab's dependencyManagement that reaches the runtimes. */
    private static List<Dependency> common() {
        return List.of(
                dep("com.fasterxml.jackson.core:jackson-databind", "jackson.version"),
                dep("org.postgresql:postgresql", "postgresql-jdbc.version"),
                dep("org.slf4j:slf4j-api", "slf4j.version"),
                dep("org.apache.logging.log4j:log4j-api", "log4j.version"),
                dep("org.apache.logging.log4j:log4j-core", "log4j.version"),
                dep("org.apache.logging.log4j:log4j-slf4j2-impl", "log4j.version"),
                dep("org.apache.logging.log4j:log4j-1.2-api", "log4j.version"));
    }

    static String version(String property) {
        String version = VERSIONS.getProperty(property);
        if (version == null || version.startsWith("${")) {
            throw new IllegalStateException("versions.properties lacks " + property);
        }
        return version;
    }

    private static Dependency dep(String groupAndArtifact, String versionProperty, String... exclusions) {
        List<Exclusion> excluded = Arrays.stream(exclusions).map(e -> {
            String[] parts = e.split(":");
            return new Exclusion(parts[0], parts[1], "*", "*");
        }).toList();
        return new Dependency(new DefaultArtifact(groupAndArtifact + ":" + version(versionProperty)), "compile", false, excluded);
    }

    private static List<Dependency> concat(List<Dependency> a, List<Dependency> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    private static Properties versions() {
        Properties properties = new Properties();
        try (InputStream in = RuntimeRoots.class.getResourceAsStream("versions.properties")) {
            properties.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("no io/cdclab/runtime/versions.properties on the test classpath", e);
        }
        return properties;
    }
}
