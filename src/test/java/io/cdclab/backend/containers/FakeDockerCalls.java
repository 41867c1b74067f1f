package io.cdclab.backend.containers;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the Docker engine behind one container, for unit tests of the life cycle: it records the calls
 * made and keeps the state Docker would (none, running, stopped). Only the Docker-facing seam is faked.
 */
final class FakeDockerCalls implements DockerCalls {
    enum State { NONE, RUNNING, STOPPED }

    private final String name;
    private final List<String> calls;
    private State state = State.NONE;
    private RuntimeException createFailure;
    private CountDownLatch createGate;

    /** @param calls a call log, possibly shared by several fakes to see the order across containers */
    FakeDockerCalls(String name, List<String> calls) {
        this.name = name;
        this.calls = calls;
    }

    FakeDockerCalls(String name) {
        this(name, new ArrayList<>());
    }

    FakeDockerCalls failingCreate(RuntimeException failure) {
        this.createFailure = failure;
        return this;
    }

    /** create() blocks until {@code gate} opens, as a slow image pull or wait strategy would. */
    FakeDockerCalls blockingCreate(CountDownLatch gate) {
        this.createGate = gate;
        return this;
    }

    synchronized State state() {
        return state;
    }

    List<String> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    private void record(String call) {
        synchronized (calls) {
            calls.add(name + ":" + call);
        }
    }

    @Override
    public void create() {
        record("create");
        synchronized (this) {
            state = State.RUNNING; // Testcontainers has a container id before its wait strategy ends
        }
        if (createGate != null) {
            try {
                if (!createGate.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("test gate never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (createFailure != null) {
            synchronized (this) {
                state = State.NONE; // Testcontainers removes a container whose start failed
            }
            throw createFailure;
        }
    }

    @Override
    public synchronized boolean exists() {
        return state != State.NONE;
    }

    @Override
    public synchronized boolean isRunning() {
        return state == State.RUNNING;
    }

    @Override
    public synchronized void start() {
        record("start");
        state = State.RUNNING;
    }

    @Override
    public synchronized void stop(Duration grace) {
        record("stop(SIGTERM, grace " + grace.toSeconds() + " s)");
        state = State.STOPPED;
    }

    @Override
    public synchronized void kill() {
        record("kill(SIGKILL)");
        state = State.STOPPED;
    }

    @Override
    public synchronized void remove() {
        record(state == State.RUNNING ? "remove(kills the running container)" : "remove");
        state = State.NONE;
    }

    @Override
    public void followLogsSince(Instant since) {
        record("followLogs");
    }

    @Override
    public String logTail(int lines) {
        return "";
    }
}
