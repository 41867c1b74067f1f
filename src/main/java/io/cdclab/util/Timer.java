package io.cdclab.util;

import java.time.Duration;
import java.util.Locale;

/** Measures how long a step took, for the "ready in 2.7 s" log lines and the startup report. */
public final class Timer {
    private final long startNanos = System.nanoTime();

    public static Timer start() {
        return new Timer();
    }

    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    public long millis() {
        return elapsed().toMillis();
    }

    public String seconds() {
        return String.format(Locale.ROOT, "%.2f s", millis() / 1000.0);
    }
}
