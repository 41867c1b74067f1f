package io.cdclab.junit;

import io.cdclab.profiles.ExactlyOnceProfile;
import io.cdclab.profiles.RecoveryProfile;
import io.cdclab.profiles.SettingsProfile;
import io.cdclab.topology.LakeKind;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a test class one running topology, started before its first test and stopped after its last, on the
 * backend {@code -Dlab.backend} chooses. Tests receive it as a {@link io.cdclab.topology.RunningTopology}
 * parameter and keep apart by pipeline id (their own connectors, slot, topics and Iceberg namespace).
 *
 * <pre>{@code
 * @CdcLab(kafkaPartitions = 6)
 * class KeysScenariosTest {
 *     @Test
 *     void k1_keyedTable(RunningTopology lab) { ... }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith({LabExtension.class, ScenarioWatcher.class})
public @interface CdcLab {

    /** Partitions of each change-event topic. */
    int kafkaPartitions() default 6;

    /** The Iceberg sink's commit interval in milliseconds. */
    long sinkCommitIntervalMs() default 1000;

    /**
     * The lake's catalog: {@code CONFIGURED} reads {@code -Dlab.lake} (default JDBC); {@code GLUE} is the seed's
     * Glue + S3 with STS sessions (an emulator on the embedded backend; the class is reported skipped, with the
     * install command, where moto_server is absent).
     */
    LakeKind lake() default LakeKind.CONFIGURED;

    /** Workers in the Connect cluster (scenario F9 runs two; the embedded backend only). */
    int connectWorkers() default 1;

    /**
     * Worker and connector settings: {@code RECOVERY} applies {@link RecoveryProfile};
     * {@code CONFIGURED} reads {@code -Dlab.profile} (default: the lab's settings).
     */
    SettingsProfile profile() default SettingsProfile.CONFIGURED;

    /**
     * Kafka Connect's exactly-once source support on every worker, required by Debezium, with read_committed sink
     * consumers ({@link ExactlyOnceProfile}); {@code -Dlab.profile=exactly-once} sets it too.
     */
    boolean exactlyOnce() default false;

    /**
     * Whether the class may take over the topology the class before it used, when that class was shared too and
     * had the same settings, and leave its own to the next (one start instead of one per class: ~8 s each on 2
     * cores). Only for classes whose tests add their own tables, topics and pipelines and change no server
     * (no faults, no rotated keys); the connectors a class left are deleted before the next one starts. Run such
     * classes one after another (a class orderer, or by name): any other class in between stops the shared
     * topology first.
     */
    boolean shared() default false;
}
