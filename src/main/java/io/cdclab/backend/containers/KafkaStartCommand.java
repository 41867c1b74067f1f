package io.cdclab.backend.containers;

/**
 * The Kafka container's command, in place of the Testcontainers Kafka module's. The module's command is a shell
 * that waits for its starter script and runs it as a child, and that script runs the image's entrypoint as a
 * child again: PID 1 is a shell, which ignores SIGTERM, so {@code docker stop} waited its whole grace period and
 * then SIGKILLed the broker (a "restart" was a crash). This command waits for the same script, takes only its
 * {@code export} lines (the advertised listeners the module computes once the container runs) and then
 * {@code exec}s the image's entrypoint, which {@code exec}s the broker: the JVM becomes PID 1 and gets the SIGTERM.
 */
final class KafkaStartCommand {
    /** Where the Testcontainers Kafka module (2.0.x) writes its starter script once the container runs. */
    static final String MODULE_STARTER_SCRIPT = "/tmp/testcontainers_start.sh";
    /** The official image's entrypoint (its CMD); it ends by exec-ing kafka-server-start.sh. */
    static final String IMAGE_ENTRYPOINT = "/etc/kafka/docker/run";

    private KafkaStartCommand() {
    }

    static String[] command() {
        return new String[] {"sh", "-c", script(MODULE_STARTER_SCRIPT, IMAGE_ENTRYPOINT)};
    }

    /** The shell script, for any two paths (tests run it against stand-ins). */
    static String script(String starterScript, String entrypoint) {
        return "while [ ! -f " + starterScript + " ]; do sleep 0.1; done; "
                + "eval \"$(grep '^export ' " + starterScript + ")\"; "
                // Fail loudly if a Testcontainers upgrade changed the script: a broker with wrong listeners would
                // only show as clients timing out.
                + "if [ -z \"$KAFKA_ADVERTISED_LISTENERS\" ]; then echo 'cdc-lab: " + starterScript
                + " exports no KAFKA_ADVERTISED_LISTENERS; see KafkaStartCommand' >&2; exit 1; fi; "
                + "exec " + entrypoint;
    }
}
