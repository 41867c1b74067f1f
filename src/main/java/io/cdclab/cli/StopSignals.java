package io.cdclab.cli;

import sun.misc.Signal;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Ctrl-C (SIGINT) and SIGTERM as events the lab handles itself, instead of the JVM's default (run every shutdown
 * hook at once and exit 130/143): with the default, the stop in order and the exit-time reaper raced, and the
 * reaper could kill the broker while the Connect worker was still stopping, which then waited 30 s for it.
 * {@code sun.misc.Signal} is the JDK's supported way to do this (module jdk.unsupported, exported).
 */
final class StopSignals {
    private static final List<String> SIGNALS = List.of("INT", "TERM");

    private StopSignals() {
    }

    /** Calls {@code action} on every SIGINT and SIGTERM, with the signal's name. */
    static void onEach(Consumer<String> action) {
        for (String name : SIGNALS) {
            try {
                Signal.handle(new Signal(name), signal -> action.accept("SIG" + signal.getName()));
            } catch (IllegalArgumentException e) {
                // the signal is ignored (e.g. under nohup) or this platform lacks it: keep the JVM's behaviour
            }
        }
    }

    static void onEach(Runnable action) {
        onEach(signal -> action.run());
    }

    /**
     * The first signal, or the death of {@code parentPid} (the launcher's JVM, killed outright), starts
     * {@code first} on a thread of its own; any later signal runs {@code second} (the hard stop).
     */
    static void firstThenSecond(long parentPid, Consumer<String> first, Consumer<String> second) {
        AtomicInteger count = new AtomicInteger();
        Consumer<String> dispatch = cause -> {
            if (count.incrementAndGet() == 1) {
                Thread stop = new Thread(() -> first.accept(cause), "cdc-lab-stop");
                stop.start();
            } else {
                second.accept(cause);
            }
        };
        onEach(dispatch);
        if (parentPid > 0) {
            ProcessHandle.of(parentPid).ifPresent(parent -> parent.onExit()
                    .thenRun(() -> dispatch.accept("the launcher's JVM (pid " + parentPid + ") is gone")));
        }
    }
}
