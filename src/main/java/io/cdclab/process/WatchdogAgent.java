package io.cdclab.process;

/**
 * A Java agent in every child JVM the embedded backend starts: it ends the JVM when the lab's JVM is gone.
 * Shutdown hooks cover a normal exit or Ctrl-C of the lab; this covers a lab JVM that was killed outright (a
 * crashed test run, an IDE's stop button), which would otherwise leave brokers behind.
 *
 * <p>An agent rather than a wrapping main class, because the server's own main class must stay first on its
 * command line: the Iceberg sink finds the worker's properties file by reading {@code sun.java.command}.
 * It is packed alone into the agent jar ({@link WatchdogAgentJar}), so it uses nothing but the JDK.
 */
public final class WatchdogAgent {

    private WatchdogAgent() {
    }

    /** Agent entry point; {@code agentArgs} is the lab JVM's pid. */
    public static void premain(String agentArgs) {
        long parentPid = Long.parseLong(agentArgs.trim());
        Thread watcher = new Thread(() -> watch(parentPid), "cdc-lab-parent-watchdog");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void watch(long parentPid) {
        ProcessHandle.of(parentPid).ifPresent(parent -> parent.onExit().join());
        System.err.println("cdc-lab: parent JVM " + parentPid + " is gone; shutting down");
        Thread halter = new Thread(() -> {
            try {
                Thread.sleep(15_000); // a graceful shutdown that hangs must not keep the process alive
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
            Runtime.getRuntime().halt(4);
        }, "cdc-lab-halter");
        halter.setDaemon(true);
        halter.start();
        System.exit(0);
    }
}
