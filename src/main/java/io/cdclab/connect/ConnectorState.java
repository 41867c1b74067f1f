package io.cdclab.connect;

import java.util.Arrays;
import java.util.List;

/** What {@code GET /connectors/{name}/status} says: the connector's state and each task's, with any trace. */
public record ConnectorState(String name, String state, String workerId, List<TaskState> tasks) {

    public boolean isRunning() {
        return "RUNNING".equals(state) && !tasks.isEmpty() && tasks.stream().allMatch(TaskState::isRunning);
    }

    public boolean hasFailure() {
        return "FAILED".equals(state) || tasks.stream().anyMatch(t -> "FAILED".equals(t.state()));
    }

    /** The first lines of the first failure's trace: the part that names what went wrong. */
    public String failureSummary() {
        return tasks.stream().filter(t -> t.trace() != null).findFirst()
                .map(t -> "task " + t.id() + ": " + firstLines(t.trace(), 6))
                .orElse(state);
    }

    private static String firstLines(String text, int lines) {
        String[] all = text.split("\n");
        return String.join("\n", Arrays.copyOf(all, Math.min(lines, all.length)));
    }

    /** One task of the connector. */
    public record TaskState(int id, String state, String workerId, String trace) {
        public boolean isRunning() {
            return "RUNNING".equals(state);
        }
    }
}
