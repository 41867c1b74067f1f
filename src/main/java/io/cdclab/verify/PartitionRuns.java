package io.cdclab.verify;

import java.util.Comparator;
import java.util.List;

/**
 * How a producer moved between partitions, seen afterwards: the change events (tombstones left out) in commit
 * order ({@code source.lsn}), cut into runs of consecutive events that went to the same partition. Round-robin
 * gives runs of 1; the built-in partitioner with null keys sticks to a partition for a batch, so its runs are long.
 */
public final class PartitionRuns {
    private PartitionRuns() {
    }

    public static double meanRunLength(List<ChangeEvent> events) {
        List<ChangeEvent> inCommitOrder = events.stream().filter(e -> !e.isTombstone())
                .sorted(Comparator.comparingLong(ChangeEvent::lsn)).toList();
        if (inCommitOrder.isEmpty()) {
            return 0;
        }
        int runs = 1;
        for (int i = 1; i < inCommitOrder.size(); i++) {
            if (inCommitOrder.get(i).partition() != inCommitOrder.get(i - 1).partition()) {
                runs++;
            }
        }
        return (double) inCommitOrder.size() / runs;
    }
}
