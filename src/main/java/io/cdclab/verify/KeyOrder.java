package io.cdclab.verify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Per-key facts about a topic's events: which partitions each key's events went to (stable = exactly one), and
 * whether reading a key's events by Kafka offset gives them in commit order (by {@code source.lsn}). Offsets are
 * comparable only inside one partition, so a key spread over partitions can come out of order, and so can any
 * reader that sorts by offset alone (the Iceberg sink's {@code _cdc.offset} carries no partition).
 */
public final class KeyOrder<K> {
    private final Map<K, List<ChangeEvent>> eventsByKey;

    private KeyOrder(Map<K, List<ChangeEvent>> eventsByKey) {
        this.eventsByKey = eventsByKey;
    }

    /** Groups the non-tombstone events by a row identity (the Kafka key's fields, or a column for keyless tables). */
    public static <K> KeyOrder<K> of(List<ChangeEvent> events, Function<ChangeEvent, K> identity) {
        Map<K, List<ChangeEvent>> byKey = events.stream().filter(e -> !e.isTombstone())
                .collect(Collectors.groupingBy(identity, LinkedHashMap::new, Collectors.toList()));
        return new KeyOrder<>(byKey);
    }

    public int keys() {
        return eventsByKey.size();
    }

    public Map<K, Set<Integer>> partitionsPerKey() {
        Map<K, Set<Integer>> result = new LinkedHashMap<>();
        eventsByKey.forEach((key, events) -> result.put(key,
                events.stream().map(ChangeEvent::partition).collect(Collectors.toCollection(TreeSet::new))));
        return result;
    }

    /** Keys whose events landed in more than one partition. */
    public List<K> keysInSeveralPartitions() {
        List<K> spread = new ArrayList<>();
        partitionsPerKey().forEach((key, partitions) -> {
            if (partitions.size() > 1) {
                spread.add(key);
            }
        });
        return spread;
    }

    /** Keys whose events, sorted by (partition, offset) as one consumer of each partition sees them, are not in LSN order. */
    public List<K> keysOutOfLsnOrderWithinPartitions() {
        return keysOutOfOrder(Comparator.comparingInt(ChangeEvent::partition).thenComparingLong(ChangeEvent::offset), true);
    }

    /** Keys whose events, sorted by Kafka offset alone (what {@code _cdc.offset} allows), are not in LSN order. */
    public List<K> keysOutOfLsnOrderByOffsetAlone() {
        return keysOutOfOrder(Comparator.comparingLong(ChangeEvent::offset), false);
    }

    private List<K> keysOutOfOrder(Comparator<ChangeEvent> readOrder, boolean perPartition) {
        List<K> outOfOrder = new ArrayList<>();
        eventsByKey.forEach((key, events) -> {
            List<ChangeEvent> read = events.stream().sorted(readOrder).toList();
            for (int i = 1; i < read.size(); i++) {
                boolean comparable = !perPartition || read.get(i).partition() == read.get(i - 1).partition();
                if (comparable && read.get(i).lsn() < read.get(i - 1).lsn()) {
                    outOfOrder.add(key);
                    return;
                }
            }
        });
        return outOfOrder;
    }
}
