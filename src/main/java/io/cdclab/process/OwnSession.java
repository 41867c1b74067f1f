package io.cdclab.process;

import io.cdclab.settings.LabSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts a child process in a session (and process group) of its own, so that Ctrl-C in the terminal, which
 * signals the whole foreground process group, reaches only the lab: the lab then stops its servers in order
 * instead of each server reacting on its own. Uses util-linux {@code setsid}, which execs the command in place
 * when the caller is not a group leader (a JVM's child never is), so the child's pid stays the command's pid and
 * {@link Process#destroy()} and the watchdog agent work as before. Without {@code setsid} (e.g. macOS) the
 * command runs as is, in the lab's process group.
 */
public final class OwnSession {
    private static final Optional<Path> SETSID = find();

    private OwnSession() {
    }

    /**
     * {@code command}, prefixed so that it runs in its own session where the platform allows it and
     * {@code -Dlab.noOwnSession} does not turn it off.
     */
    public static List<String> wrap(List<String> command, LabSettings settings) {
        if (!isAvailable(settings)) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(command.size() + 1);
        wrapped.add(SETSID.get().toString());
        wrapped.addAll(command);
        return wrapped;
    }

    public static boolean isAvailable(LabSettings settings) {
        return SETSID.isPresent() && !settings.flag(LabSettings.NO_OWN_SESSION);
    }

    private static Optional<Path> find() {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            Path candidate = Path.of(dir, "setsid");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
