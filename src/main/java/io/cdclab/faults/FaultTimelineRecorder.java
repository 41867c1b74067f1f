package io.cdclab.faults;

import io.cdclab.connect.ConnectClient;
import io.cdclab.connect.ConnectorState;
import io.cdclab.lake.Lake;
import io.cdclab.report.Timeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Records one fault's timeline while it runs: the connectors' states, polled every 500 ms, and the instants the
 * runner marks (the fault, its recovery actions, rows flowing again). {@link #finish} adds what is known only
 * afterwards: the write load's commits per second, and the rows that landed in Iceberg per second, read from the
 * changelog table's snapshots (their commit time and {@code added-records}), so nothing polls the lake meanwhile.
 *
 * <pre>{@code
 * try (FaultTimelineRecorder timeline = FaultTimelineRecorder.start(lab.connect(), connectors)) {
 *     timeline.fault("PostgreSQL restarted");
 *     ... inject, recover ...
 *     timeline.recovered("a row written after the fault is in Iceberg");
 *     load.stop();
 *     FaultsReport.record(outcome, timeline.finish("F5: PostgreSQL restarted", load, lab.lake(), table));
 * }
 * }</pre>
 */
public final class FaultTimelineRecorder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FaultTimelineRecorder.class);
    private static final long POLL_MILLIS = 500;

    private final List<String> connectors;
    private final ConnectorStatusPoll poll;
    private final List<Sample> samples = new ArrayList<>();
    private final List<Marked> marks = new ArrayList<>();
    private volatile Long faultAt;
    private volatile Long recoveredAt;
    private volatile long notCountedMillis;

    private record Sample(long atMillis, Map<String, String> states) {
    }

    private record Marked(long atMillis, Timeline.MarkKind kind, String label) {
    }

    private FaultTimelineRecorder(ConnectClient connect, List<String> connectors) {
        this.connectors = List.copyOf(connectors);
        this.poll = ConnectorStatusPoll.start(connect, connectors, Duration.ofMillis(POLL_MILLIS),
                "cdc-lab-fault-timeline", this::sample);
    }

    /** Starts polling the states of {@code connectors} now; start it with the write load. */
    public static FaultTimelineRecorder start(ConnectClient connect, List<String> connectors) {
        return new FaultTimelineRecorder(connect, connectors);
    }

    /** Keeps every poll; returns true: the timeline is polled until it is closed. */
    private boolean sample(ConnectorStatusPoll.Poll statuses) {
        Map<String, String> states = new LinkedHashMap<>();
        // NO ANSWER: Connect down or restarting, what an operator's monitoring would see.
        statuses.statuses().forEach((name, status) -> states.put(name,
                status.map(FaultTimelineRecorder::state).orElse("NO ANSWER")));
        synchronized (samples) {
            samples.add(new Sample(statuses.atMillis(), states));
        }
        return true;
    }

    /** One word for a connector and its tasks: FAILED if anything failed, else the first state not RUNNING. */
    private static String state(ConnectorState s) {
        if (s.hasFailure()) {
            return "FAILED";
        }
        if (!"RUNNING".equals(s.state())) {
            return s.state();
        }
        if (s.tasks().isEmpty()) {
            return "NO TASKS";
        }
        return s.tasks().stream().map(ConnectorState.TaskState::state).filter(t -> !"RUNNING".equals(t))
                .findFirst().orElse("RUNNING");
    }

    /** Marks the fault's injection now: second 0 of the timeline, and where the outage starts. */
    public void fault(String label) {
        long now = System.currentTimeMillis();
        if (faultAt == null) {
            faultAt = now;
        }
        mark(now, Timeline.MarkKind.FAULT, label);
    }

    /** Marks a recovery action (a restart, a runbook step) now. */
    public void action(String label) {
        mark(System.currentTimeMillis(), Timeline.MarkKind.ACTION, label);
    }

    /** Marks a recovery action at an instant (epoch ms) seen by someone else, e.g. a task restart. */
    public void actionAt(long atMillis, String label) {
        mark(atMillis, Timeline.MarkKind.ACTION, label);
    }

    /** Marks the end of the outage now: rows written after the fault are in the lake. */
    public void recovered(String label) {
        recovered(label, Duration.ZERO);
    }

    /**
     * As {@link #recovered(String)}, where part of the window is not this fault's outage: e.g. a sink that waited
     * for the other pipeline sharing its fault. The window stays as long as it was; its label says both.
     */
    public void recovered(String label, Duration notCounted) {
        notCountedMillis = notCounted.toMillis();
        recoveredAt = System.currentTimeMillis();
        mark(recoveredAt, Timeline.MarkKind.RECOVERED, label);
    }

    private void mark(long atMillis, Timeline.MarkKind kind, String label) {
        synchronized (marks) {
            marks.add(new Marked(atMillis, kind, label));
        }
    }

    /**
     * Stops polling and builds the timeline. Call it once the load has stopped and every row has landed, so that
     * both curves are complete.
     */
    public Timeline finish(String caption, WriteLoad load, Lake lake, String changelogTable) {
        close();
        long started = System.nanoTime();
        long origin = faultAt != null ? faultAt : load.commits().stream().mapToLong(WriteLoad.Commit::atMillis).min()
                .orElse(System.currentTimeMillis());
        Map<Integer, Long> committed = new LinkedHashMap<>();
        for (WriteLoad.Commit c : load.commits()) {
            committed.merge(second(c.atMillis(), origin), (long) c.rowChanges(), Long::sum);
        }
        List<Timeline.Series> series = List.of(
                new Timeline.Series("committed in PostgreSQL", committed),
                new Timeline.Series("landed in Iceberg", landed(lake, changelogTable, origin)));
        List<Timeline.Mark> timelineMarks;
        synchronized (marks) {
            timelineMarks = marks.stream().map(m -> new Timeline.Mark(seconds(m.atMillis(), origin), m.kind(), m.label()))
                    .toList();
        }
        Timeline.Window outage = faultAt == null || recoveredAt == null ? null
                : new Timeline.Window(0, seconds(recoveredAt, origin), outageLabel(recoveredAt - faultAt));
        Timeline timeline = new Timeline(caption, "row changes per second", series, lanes(origin), timelineMarks, outage);
        LOG.info("timeline of {} built in {} ms ({} state samples)", changelogTable,
                (System.nanoTime() - started) / 1_000_000, samples.size());
        return timeline;
    }

    private String outageLabel(long windowMillis) {
        if (notCountedMillis < 1000) {
            return String.format(Locale.ROOT, "outage %.1f s", windowMillis / 1000.0);
        }
        return String.format(Locale.ROOT, "outage %.1f s (shaded: %.1f s, with %.1f s waiting on the other pipeline)",
                (windowMillis - notCountedMillis) / 1000.0, windowMillis / 1000.0, notCountedMillis / 1000.0);
    }

    /** Rows appended to the changelog per second, from its snapshots; compactions ("replace") add no rows. */
    private static Map<Integer, Long> landed(Lake lake, String changelogTable, long origin) {
        Map<Integer, Long> landed = new LinkedHashMap<>();
        try {
            for (var row : lake.rows("SELECT committed_at, summary['added-records'], summary['deleted-records'] FROM "
                    + changelogTable + ".snapshots WHERE operation <> 'replace'")) {
                long added = row.isNullAt(1) ? 0 : Long.parseLong(row.getString(1));
                long deleted = row.isNullAt(2) ? 0 : Long.parseLong(row.getString(2));
                Object committedAt = row.get(0); // java.sql.Timestamp, or an Instant with Spark's Java 8 time API
                long at = committedAt instanceof Instant i ? i.toEpochMilli()
                        : ((Date) committedAt).getTime();
                landed.merge(second(at, origin), added - deleted, Long::sum);
            }
        } catch (RuntimeException e) {
            // The chart is a picture of the run, not a check: without snapshots it shows PostgreSQL's side only.
            LOG.warn("no snapshots of {} for the fault's timeline: {}", changelogTable, e.getMessage());
        }
        return landed;
    }

    private List<Timeline.Lane> lanes(long origin) {
        List<Sample> copy;
        synchronized (samples) {
            copy = new ArrayList<>(samples);
        }
        List<Timeline.Lane> lanes = new ArrayList<>();
        for (String name : connectors) {
            List<Timeline.Span> spans = new ArrayList<>();
            for (int i = 0; i < copy.size(); i++) {
                String state = copy.get(i).states().get(name);
                double from = seconds(copy.get(i).atMillis(), origin);
                double to = i + 1 < copy.size() ? seconds(copy.get(i + 1).atMillis(), origin) : from + POLL_MILLIS / 1000.0;
                Timeline.Span last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
                if (last != null && last.state().equals(state)) {
                    spans.set(spans.size() - 1, new Timeline.Span(last.from(), to, state));
                } else {
                    spans.add(new Timeline.Span(from, to, state));
                }
            }
            lanes.add(new Timeline.Lane(name, spans));
        }
        return lanes;
    }

    private static int second(long atMillis, long origin) {
        return (int) Math.floorDiv(atMillis - origin, 1000L);
    }

    private static double seconds(long atMillis, long origin) {
        return (atMillis - origin) / 1000.0;
    }

    @Override
    public void close() {
        poll.close();
    }
}
