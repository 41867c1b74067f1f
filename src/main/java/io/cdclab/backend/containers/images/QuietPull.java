package io.cdclab.backend.containers.images;

import com.github.dockerjava.api.command.PullImageResultCallback;
import io.cdclab.errors.LabException;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pull's callback that keeps its error for the caller instead of logging it: docker-java's own callback prints
 * every failed pull at ERROR with a stack trace, before the lab has said what went wrong and what to do.
 */
final class QuietPull extends PullImageResultCallback {
    private static final Pattern ENGINE_MESSAGE = Pattern.compile("Status (\\d+): \\{\"message\":\"(.*)\"}", Pattern.DOTALL);
    private volatile Throwable error;

    @Override
    public void onError(Throwable throwable) {
        if (error == null) {
            error = throwable;
        }
        try {
            close();
        } catch (IOException ignored) {
            // closing a finished pull's stream: nothing left to release
        }
    }

    /** The engine's own words: docker-java wraps them as {@code Status 500: {"message":"..."}}. */
    static String readable(Throwable error) {
        String message = error.getMessage() == null ? error.toString() : error.getMessage().strip();
        Matcher json = ENGINE_MESSAGE.matcher(message);
        return json.matches() ? json.group(2).replace("\\\"", "\"") : message;
    }

    /** Waits for the pull; throws with the engine's message where it failed or did not finish in time. */
    void await(Duration timeout) throws InterruptedException {
        boolean done = awaitCompletion(timeout.toSeconds(), TimeUnit.SECONDS);
        if (error != null) {
            throw new LabException(readable(error), error);
        }
        if (!done) {
            throw new LabException("the pull did not finish within " + timeout.toMinutes() + " min");
        }
    }
}
