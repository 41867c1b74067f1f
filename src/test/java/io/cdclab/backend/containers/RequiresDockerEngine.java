package io.cdclab.backend.containers;

import io.cdclab.backend.Backends;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test class only where the containers backend can run: a Docker engine answers, and the run did not pick
 * another backend explicitly. Otherwise the class is reported as skipped, with the reason; never failed, never
 * passed without running.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresDockerEngine.Condition.class)
@interface RequiresDockerEngine {

    /**
     * True for tests of images and containers that start no topology (e.g. the built images' contracts): they run
     * wherever an engine answers, whichever backend the run chose.
     */
    boolean whateverTheBackend() default false;

    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String backend = System.getProperty(Backends.PROPERTY, "auto").trim();
            boolean anyBackend = AnnotationSupport.findAnnotation(context.getElement(), RequiresDockerEngine.class)
                    .map(RequiresDockerEngine::whateverTheBackend).orElse(false);
            if (!anyBackend && !backend.isEmpty() && !backend.equals("auto") && !backend.equals("containers")) {
                return ConditionEvaluationResult.disabled("containers backend test skipped: this run chose -D"
                        + Backends.PROPERTY + "=" + backend);
            }
            if (!DockerEngine.isAvailable()) {
                return ConditionEvaluationResult.disabled((anyBackend ? "Docker engine test" : "containers backend test")
                        + " skipped: "
                        + DockerEngine.UNAVAILABLE_REASON + "; it runs in CI (scripts/docker-engine.sh up starts one; GitHub runners have Docker)");
            }
            return ConditionEvaluationResult.enabled("a Docker engine answers");
        }
    }
}
