package io.cdclab.bench;

import io.cdclab.errors.LabException;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The hottest code of a flight recording, from its {@code jdk.ExecutionSample} events: the top frame of each
 * sample (where CPU is spent, "self"), every method on the sample's stack ("total", where time goes below), and
 * the sampled threads. Shares in percent of all samples.
 */
final class JfrSummary {
    private JfrSummary() {
    }

    static Map<String, Object> summarize(Path recording, int top) {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> total = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> components = new HashMap<>();
        long samples = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                samples++;
                RecordedThread thread = event.getThread("sampledThread");
                threads.merge(thread == null ? "?" : threadGroupName(thread.getJavaName()), 1L, Long::sum);
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                List<RecordedFrame> frames = stack.getFrames();
                self.merge(method(frames.get(0)), 1L, Long::sum);
                components.merge(component(frames), 1L, Long::sum);
                Set<String> seen = new HashSet<>();
                for (RecordedFrame frame : frames) {
                    String m = method(frame);
                    if (seen.add(m)) {
                        total.merge(m, 1L, Long::sum);
                    }
                }
            }
        } catch (IOException e) {
            throw new LabException("Cannot read flight recording " + recording + ": " + e.getMessage(), e);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("recording", recording.getFileName().toString());
        summary.put("execution_samples", samples);
        summary.put("components_pct", topShares(components, samples, top));
        summary.put("top_threads_pct", topShares(threads, samples, top));
        summary.put("top_self_frames_pct", topShares(self, samples, top));
        summary.put("top_total_frames_pct", topShares(total, samples, top));
        return summary;
    }

    /**
     * The stage a sample belongs to: the innermost frame (from the top) of a known part of the pipeline. Jackson
     * and the JDK count for their caller, so JSON work lands on the converter that asked for it.
     */
    private static String component(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            for (String[] part : COMPONENTS) {
                if (type.startsWith(part[0])) {
                    return part[1];
                }
            }
        }
        return "other (JDK, threads idle in native code)";
    }

    private static final String[][] COMPONENTS = {
            {"org.apache.kafka.connect.json", "JsonConverter (serialise / parse change events)"},
            {"org.apache.kafka.connect.transforms", "single message transforms"},
            {"org.apache.kafka.connect.data", "Connect data (schemas, structs)"},
            {"io.debezium.transforms", "single message transforms"},
            {"org.apache.iceberg.connect.data", "Iceberg sink: record conversion"},
            {"org.apache.iceberg.connect", "Iceberg sink: tasks, coordinator"},
            {"org.apache.iceberg.shaded.org.apache.parquet", "Parquet writer"},
            {"org.apache.parquet", "Parquet writer"},
            {"org.apache.iceberg", "Iceberg core (files, commits)"},
            {"io.debezium", "Debezium (decoding pgoutput, events)"},
            {"org.postgresql", "PgJDBC (replication stream)"},
            {"org.apache.kafka.clients.producer", "Kafka producer"},
            {"org.apache.kafka.clients.consumer", "Kafka consumer"},
            {"org.apache.kafka.common", "Kafka clients (network, metrics)"},
            {"org.apache.kafka.connect", "Connect runtime"},
            {"software.amazon", "AWS SDK (S3)"},
    };

    /** Pool threads differ only by a number (task-thread-iceberg-sink-0, pool-3-thread-2): count them together. */
    static String threadGroupName(String name) {
        return name == null ? "?" : name.replaceAll("\\d+", "N");
    }

    private static String method(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static Map<String, Double> topShares(Map<String, Long> counts, long samples, int top) {
        Map<String, Double> shares = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(e -> shares.put(e.getKey(), Math.round(1000.0 * e.getValue() / Math.max(1, samples)) / 10.0));
        return shares;
    }

    /** The summary as Markdown tables. */
    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> summary) {
        StringBuilder md = new StringBuilder("### " + summary.get("recording") + " (" + summary.get("execution_samples")
                + " execution samples)\n\n");
        for (String key : List.of("components_pct", "top_threads_pct", "top_self_frames_pct", "top_total_frames_pct")) {
            md.append("| ").append(key.replace("_pct", "").replace('_', ' ')).append(" | % of samples |\n|---|---:|\n");
            ((Map<String, Double>) summary.get(key)).forEach((k, v) -> md.append("| `").append(k).append("` | ")
                    .append(v).append(" |\n"));
            md.append('\n');
        }
        return md.toString();
    }
}
