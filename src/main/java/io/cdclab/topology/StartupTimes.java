package io.cdclab.topology;

import io.cdclab.util.Timer;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long each service took to start, for {@link RunningTopology#startupTimes()}. Services start in parallel,
 * so it is safe to use from several threads; the map keeps the order in which services became ready.
 */
public final class StartupTimes {
    private final Timer total = Timer.start();
    private final Map<String, Duration> times = new LinkedHashMap<>();

    /** Starts {@code service} (returning once it is ready) and notes how long that took. */
    public void start(Service service) {
        Timer timer = Timer.start();
        service.start();
        Duration took = timer.elapsed();
        synchronized (times) {
            times.put(service.name(), took);
        }
    }

    /** Every service's time and, last, {@code total}: the time since this was created. */
    public Map<String, Duration> withTotal() {
        synchronized (times) {
            Map<String, Duration> all = new LinkedHashMap<>(times);
            all.put("total", total.elapsed());
            return all;
        }
    }
}
