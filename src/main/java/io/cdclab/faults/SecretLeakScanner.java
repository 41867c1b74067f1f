package io.cdclab.faults;

import io.cdclab.endpoints.Secret;
import io.cdclab.errors.LabException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Looks for secret values where they must never be: log files, report files, exception texts, a Kafka topic
 * (Connect's config topic). A leak is reported by place and by the secret's position in the list, never by its
 * value, so the scanner's own failure message cannot leak it.
 *
 * <p>One file may hold secrets by design: a {@code --keep-running} session's login file
 * ({@code target/cdc-lab/login.env}, owner-only, deleted at stop), named with {@link #allowing}. It is skipped
 * and listed as allowed; there is no way to allow a second place.
 */
public final class SecretLeakScanner {
    private final List<Secret> secrets;
    private final List<Leak> leaks = new ArrayList<>();
    private final List<String> scanned = new ArrayList<>();
    private Path allowed;

    /** A secret found somewhere: where, and which secret (its index in the list the scanner was given). */
    public record Leak(String where, int secretIndex) {
        @Override
        public String toString() {
            return "secret #" + secretIndex + " in " + where;
        }
    }

    public SecretLeakScanner(List<Secret> secrets) {
        if (secrets.isEmpty()) {
            throw new LabException("No secrets to look for: a leak scan over nothing proves nothing.");
        }
        this.secrets = List.copyOf(secrets);
    }

    /** The single file allowed to hold secrets (the login file); it is skipped wherever it is met. */
    public SecretLeakScanner allowing(Path loginFile) {
        Path normalized = loginFile.toAbsolutePath().normalize();
        if (allowed != null && !allowed.equals(normalized)) {
            throw new LabException("Only one place may hold secrets (" + allowed + "); " + normalized
                    + " cannot be allowed too.");
        }
        allowed = normalized;
        return this;
    }

    /** Every regular file under {@code dir} (recursively), read as UTF-8 text. */
    public SecretLeakScanner files(Path dir) {
        return files(dir, Integer.MAX_VALUE);
    }

    /** The regular files under {@code dir} down to {@code depth} levels (1: the folder's own files). */
    public SecretLeakScanner files(Path dir, int depth) {
        if (!Files.exists(dir)) {
            return this;
        }
        try (Stream<Path> paths = Files.walk(dir, depth)) {
            for (Path file : paths.filter(Files::isRegularFile).toList()) {
                file(file);
            }
        } catch (IOException e) {
            throw new LabException("Cannot scan " + dir + " for secrets: " + e.getMessage(), e);
        }
        return this;
    }

    /** One file, unless it is the allowed one. */
    public SecretLeakScanner file(Path file) {
        if (file.toAbsolutePath().normalize().equals(allowed)) {
            scanned.add("allowed, not scanned: " + file);
            return this;
        }
        try {
            return text(file.toString(), new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return this; // deleted while the scan ran (a log rotated, a run's data cleaned up)
        } catch (IOException e) {
            throw new LabException("Cannot scan " + file + " for secrets: " + e.getMessage(), e);
        }
    }

    /** An exception's messages, its causes' and suppressed exceptions' included, and its stack trace text. */
    public SecretLeakScanner exception(String where, Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return text(where, out.toString());
    }

    /** Every record (keys, values, headers) of {@code topic}, from the beginning to its current end. */
    public SecretLeakScanner topic(String bootstrapServers, String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            StringBuilder all = new StringBuilder();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new LabException("Reading topic " + topic + " to its end took more than 60 s");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key() != null) {
                        all.append(new String(r.key(), StandardCharsets.UTF_8)).append('\n');
                    }
                    if (r.value() != null) {
                        all.append(new String(r.value(), StandardCharsets.UTF_8)).append('\n');
                    }
                    r.headers().forEach(h -> all.append(h.key()).append('=')
                            .append(h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8)).append('\n'));
                }
            }
            text("Kafka topic " + topic + " (" + end.values().stream().mapToLong(Long::longValue).sum() + " records)",
                    all.toString());
        }
        return this;
    }

    public SecretLeakScanner text(String where, String text) {
        scanned.add(where);
        for (int i = 0; i < secrets.size(); i++) {
            if (text.contains(secrets.get(i).reveal())) {
                leaks.add(new Leak(where, i));
            }
        }
        return this;
    }

    public List<Leak> leaks() {
        return List.copyOf(leaks);
    }

    /** What was scanned, for the report. */
    public List<String> scanned() {
        return List.copyOf(scanned);
    }
}
