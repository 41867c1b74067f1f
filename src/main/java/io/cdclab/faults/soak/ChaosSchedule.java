package io.cdclab.faults.soak;

import io.cdclab.errors.LabException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * When the soak injects which fault, drawn from a seed: the same seed, duration and fault set give the same
 * schedule, so a failing run can be replayed with {@code -Dbench.soak.seed}. Every kind comes once (in a random
 * order) before any comes again, so even a short run meets each. A fault waits at least for the previous one's
 * recovery (see {@link SoakRun}); the planned times are the earliest it may start.
 */
public record ChaosSchedule(long seed, Duration duration, List<Planned> faults) {

    /** A fault and the earliest time after the soak's start it may be injected. */
    public record Planned(Duration at, ChaosFault fault) {
        @Override
        public String toString() {
            return String.format("%.0f s %s", at.toMillis() / 1000.0, fault);
        }
    }

    /**
     * @param warmUp   load before the first fault, so the pipeline is in its steady state
     * @param minGap   shortest time between two planned faults
     * @param maxGap   longest
     */
    public static ChaosSchedule draw(long seed, Duration duration, List<ChaosFault> kinds, Duration warmUp,
                                     Duration minGap, Duration maxGap) {
        if (kinds.isEmpty()) {
            throw new LabException("The soak needs at least one fault kind; known: " + List.of(ChaosFault.values()));
        }
        if (minGap.isNegative() || maxGap.compareTo(minGap) < 0) {
            throw new LabException("The soak's fault gap must be 0 <= min <= max; got " + minGap + " and " + maxGap);
        }
        Random random = new Random(seed);
        List<Planned> planned = new ArrayList<>();
        List<ChaosFault> round = new ArrayList<>();
        Duration at = warmUp;
        while (at.compareTo(duration) < 0) {
            if (round.isEmpty()) {
                round.addAll(kinds);
                Collections.shuffle(round, random);
            }
            planned.add(new Planned(at, round.remove(0)));
            long gap = minGap.toMillis() + (long) (random.nextDouble() * (maxGap.toMillis() - minGap.toMillis()));
            at = at.plusMillis(gap);
        }
        return new ChaosSchedule(seed, duration, List.copyOf(planned));
    }

    /** One line to replay it by. */
    public String describe() {
        return "seed " + seed + ", " + duration.toSeconds() + " s: " + faults;
    }
}
