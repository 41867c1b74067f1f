package io.cdclab.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.ArrayList;
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

    /**
     * Calls {@code action} on every SIGINT and SIGTERM, with the signal's name.
     *
     * @return the signals this process cannot handle: a signal ignored when the JVM started stays ignored (the JVM
     * keeps it so). A job started in the background by a non-interactive shell ({@code cmd &} in a script) ignores
     * SIGINT, so Ctrl-C cannot reach it; SIGTERM still does.
     */
    static List<String> onEach(Consumer<String> action) {
        List<String> unhandled = new ArrayList<>();
        for (String name : SIGNALS) {
            try {
                SignalHandler previous = Signal.handle(new Signal(name), signal -> action.accept("SIG" + signal.getName()));
                if (previous == SignalHandler.SIG_IGN) {
                    unhandled.add("SIG" + name);
                }
            } catch (IllegalArgumentException e) {
                unhandled.add("SIG" + name); // this platform lacks it, or the VM uses it
            }
        }
        return unhandled;
    }

    static List<String> onEach(Runnable action) {
        return onEach(signal -> action.run());
    }

    /**
     * The first signal, or the death of {@code parentPid} (the launcher's JVM, killed outright), starts
     * {@code first} on a thread of its own; any later signal runs {@code second} (the hard stop).
     */
    static List<String> firstThenSecond(long parentPid, Consumer<String> first, Consumer<String> second) {
        AtomicInteger count = new AtomicInteger();
        Consumer<String> dispatch = cause -> {
            if (count.incrementAndGet() == 1) {
                Thread stop = new Thread(() -> first.accept(cause), "cdc-lab-stop");
                stop.start();
            } else {
                second.accept(cause);
            }
        };
        List<String> unhandled = onEach(dispatch);
        if (parentPid > 0) {
            ProcessHandle.of(parentPid).ifPresent(parent -> parent.onExit()
                    .thenRun(() -> dispatch.accept("the launcher's JVM (pid " + parentPid + ") is gone")));
        }
        return unhandled;
    }
}
