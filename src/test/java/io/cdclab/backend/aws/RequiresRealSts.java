package io.cdclab.backend.aws;

import io.cdclab.settings.LabSettings;
import io.cdclab.gluelake.StsRunSettings;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test class only when the real-STS run was asked for: {@code -Paws}, AWS credentials in the environment and
 * {@code -Dlab.aws.sts=true}. Otherwise it is reported as skipped with the reason ({@link StsRunSettings#skipReason}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresRealSts.Condition.class)
@interface RequiresRealSts {

    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return StsRunSettings.skipReason(LabSettings.fromSystemProperties(), System.getenv())
                    .map(ConditionEvaluationResult::disabled)
                    .orElseGet(() -> ConditionEvaluationResult.enabled("real-STS run asked for (-Paws, -D"
                            + StsRunSettings.ENABLED + "=true, AWS credentials present)"));
        }
    }
}
