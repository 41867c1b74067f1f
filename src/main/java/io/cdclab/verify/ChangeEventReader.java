package io.cdclab.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdclab.errors.LabException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;

/**
 * Reads a change-event topic from the beginning, every partition, with a plain consumer (no group, no commits),
 * the way a person checks what Debezium wrote.
 */
public final class ChangeEventReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChangeEventReader() {
    }

    /**
     * Waits until the topic holds at least {@code expected} records and returns them all, ordered by partition
     * and offset. The failure message says how many arrived.
     */
    public static List<ChangeEvent> readAtLeast(String bootstrapServers, String topic, int expected, Duration timeout) {
        List<ChangeEvent> events = new ArrayList<>();
        try {
            read(bootstrapServers, topic, timeout, events, (consumer, partitions) -> expected + " records on topic " + topic,
                    (consumer, partitions) -> events.size() >= expected);
        } catch (ConditionTimeoutException e) {
            throw new LabException("Topic " + topic + " holds " + events.size() + " records after " + timeout.toSeconds()
                    + " s; expected at least " + expected + ". Last seen: "
                    + (events.isEmpty() ? "none" : events.get(events.size() - 1)), e);
        }
        return events;
    }

    /**
     * Every record the topic holds now (read_committed), from the beginning to each partition's end offset as it
     * was when reading began, ordered by partition and offset.
     */
    public static List<ChangeEvent> readToEnd(String bootstrapServers, String topic, Duration timeout) {
        List<ChangeEvent> events = new ArrayList<>();
        Map<TopicPartition, Long> end = new HashMap<>();
        read(bootstrapServers, topic, timeout, events, (consumer, partitions) -> {
            end.putAll(consumer.endOffsets(partitions, timeout));
            return "topic " + topic + " read to its end offsets " + end;
        }, (consumer, partitions) -> partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp)));
        return events;
    }

    /**
     * Reads {@code topic} from the beginning of every partition into {@code events} until {@code done} holds, then
     * orders them by partition and offset. {@code start} runs once the partitions are assigned and names the wait.
     */
    private static void read(String bootstrapServers, String topic, Duration timeout, List<ChangeEvent> events,
                             BiFunction<KafkaConsumer<byte[], byte[]>, List<TopicPartition>, String> start,
                             BiPredicate<KafkaConsumer<byte[], byte[]>, List<TopicPartition>> done) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(bootstrapServers))) {
            List<TopicPartition> partitions = awaitPartitions(consumer, topic, timeout);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Awaitility.await(start.apply(consumer, partitions))
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> {
                        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                            events.add(toEvent(r));
                        }
                        return done.test(consumer, partitions);
                    });
        }
        events.sort(Comparator.comparingInt(ChangeEvent::partition).thenComparingLong(ChangeEvent::offset));
    }

    private static Map<String, Object> consumerConfig(String bootstrapServers) {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    }

    private static List<TopicPartition> awaitPartitions(KafkaConsumer<byte[], byte[]> consumer, String topic, Duration timeout) {
        List<TopicPartition> partitions = new ArrayList<>();
        Awaitility.await("topic " + topic + " to exist")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(100))
                // A metadata fetch slower than 2 s (a loaded machine; seen on the containers backend) is asked again.
                .ignoreExceptionsInstanceOf(TimeoutException.class)
                .until(() -> {
                    List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(2));
                    partitions.clear();
                    if (infos != null) {
                        infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
                    }
                    return !partitions.isEmpty();
                });
        return partitions;
    }

    private static ChangeEvent toEvent(ConsumerRecord<byte[], byte[]> r) throws IOException {
        JsonNode key = r.key() == null ? null : JSON.readTree(r.key());
        JsonNode value = r.value() == null ? null : JSON.readTree(r.value());
        return new ChangeEvent(r.topic(), r.partition(), r.offset(), r.key(), key, value);
    }
}
