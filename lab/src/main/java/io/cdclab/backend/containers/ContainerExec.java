package io.cdclab.backend.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.model.Frame;
import io.cdclab.topology.LabException;
import org.testcontainers.containers.GenericContainer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command in a running container with extra environment variables. Testcontainers' own
 * {@code execInContainer} takes no environment, so secrets would have to be arguments.
 */
final class ContainerExec implements MinioAdmin.Exec {
    private static final long TIMEOUT_SECONDS = 60;
    private final GenericContainer<?> container;

    ContainerExec(GenericContainer<?> container) {
        this.container = container;
    }

    @Override
    public MinioAdmin.Result run(List<String> command, Map<String, String> env) {
        DockerClient docker = container.getDockerClient();
        ExecCreateCmdResponse created = docker.execCreateCmd(container.getContainerId())
                .withCmd(command.toArray(String[]::new))
                .withEnv(env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withAttachStdout(true).withAttachStderr(true)
                .exec();
        StringBuilder output = new StringBuilder();
        try {
            boolean done = docker.execStartCmd(created.getId()).exec(new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                    synchronized (output) {
                        output.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                    }
                }
            }).awaitCompletion(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!done) {
                throw new LabException(command.get(0) + " in " + container.getContainerName() + " did not finish within "
                        + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("Interrupted while running a command in " + container.getContainerName(), e);
        }
        Long exit = docker.inspectExecCmd(created.getId()).exec().getExitCodeLong();
        synchronized (output) {
            return new MinioAdmin.Result(exit == null ? -1 : exit, output.toString());
        }
    }
}
