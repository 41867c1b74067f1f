package io.cdclab.gluelake;

import io.cdclab.errors.LabException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetSessionTokenRequest;
import software.amazon.awssdk.services.sts.model.GetSessionTokenResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The wiring of the opt-in real-STS run, which cannot run here: when it is skipped and why, its settings, and what
 * is asked of STS. STS itself is replaced by a recorder of the requests it gets.
 */
class StsRunWiringTest {
    private static final Map<String, String> KEYS = Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
            "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    private static final Map<String, String> ASKED = Map.of("lab.backend", "aws", "lab.aws.sts", "true");

    @Test
    void skipped_withTheFirstMissingPiece_namingNoValue() {
        assertThat(StsRunSettings.skipReason(Map.of("lab.backend", "embedded", "lab.aws.sts", "true"), KEYS))
                .hasValueSatisfying(r -> assertThat(r).contains("-Paws"));
        assertThat(StsRunSettings.skipReason(Map.of("lab.backend", "aws"), KEYS))
                .hasValueSatisfying(r -> assertThat(r).contains("-Dlab.aws.sts=true"));
        assertThat(StsRunSettings.skipReason(Map.of("lab.backend", "aws", "lab.aws.sts", "false"), KEYS)).isPresent();
        assertThat(StsRunSettings.skipReason(ASKED, Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")))
                .hasValueSatisfying(r -> assertThat(r).contains("AWS_SECRET_ACCESS_KEY").doesNotContain("AKIDEXAMPLE"));
    }

    @Test
    void runs_withAwsTheFlagAndCredentials_fromKeysOrAProfile() {
        assertThat(StsRunSettings.skipReason(ASKED, KEYS)).isEmpty();
        assertThat(StsRunSettings.skipReason(ASKED, Map.of("AWS_PROFILE", "ci"))).isEmpty();
    }

    @Test
    void settings_default15Minutes_checkedDurationAndRole() {
        StsRunSettings defaults = StsRunSettings.from(Map.of());
        assertThat(defaults.sessionDuration()).isEqualTo(Duration.ofMinutes(15));
        assertThat(defaults.roleArn()).isEmpty();
        assertThat(defaults.sessionName()).startsWith("cdc-lab-sts-").hasSizeLessThanOrEqualTo(64);

        assertThat(StsRunSettings.from(Map.of("lab.aws.sts.duration-seconds", "3600",
                "lab.aws.sts.role-arn", "arn:aws:iam::123456789012:role/cdc-lab-sink")).roleArn())
                .hasValue("arn:aws:iam::123456789012:role/cdc-lab-sink");
        assertThatThrownBy(() -> StsRunSettings.from(Map.of("lab.aws.sts.duration-seconds", "60",
                "lab.aws.sts.role-arn", "cdc-lab-sink")))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("duration-seconds=60").hasMessageContaining("from 900")
                .hasMessageContaining("role-arn=cdc-lab-sink");
        assertThatThrownBy(() -> StsRunSettings.from(Map.of("lab.aws.sts.duration-seconds", "soon")))
                .hasMessageContaining("whole number");
    }

    @Test
    void withoutARole_asksGetSessionTokenFor900Seconds_andKeepsTheTokenSecret() {
        RecordingSts sts = new RecordingSts();
        StsSessions.Session session = StsSessions.issue(sts, StsRunSettings.from(Map.of()), false);

        assertThat(sts.requests).singleElement().isInstanceOfSatisfying(GetSessionTokenRequest.class,
                r -> assertThat(r.durationSeconds()).isEqualTo(900));
        assertThat(session.expiration()).isEqualTo(RecordingSts.EXPIRES);
        assertThat(session.credentials().accessKeyId()).isEqualTo("ASIAEXAMPLE");
        assertThat(session.credentials().sessionToken()).hasValueSatisfying(t -> assertThat(t.reveal()).isEqualTo("token-1"));
        assertThat(session.credentials().toString()).doesNotContain("token-1", "session-secret");
        assertThat(session.credentials().environment("eu-west-1")).containsEntry("AWS_SESSION_TOKEN", "token-1");
    }

    @Test
    void withARole_asksAssumeRole_whichAlsoWorksForACallerWithASession() {
        RecordingSts sts = new RecordingSts();
        StsRunSettings settings = StsRunSettings.from(Map.of("lab.aws.sts.role-arn", "arn:aws:iam::123456789012:role/sink"));
        StsSessions.issue(sts, settings, true);

        assertThat(sts.requests).singleElement().isInstanceOfSatisfying(AssumeRoleRequest.class, r -> {
            assertThat(r.roleArn()).isEqualTo("arn:aws:iam::123456789012:role/sink");
            assertThat(r.roleSessionName()).isEqualTo(settings.sessionName());
            assertThat(r.durationSeconds()).isEqualTo(900);
        });
    }

    @Test
    void aCallerWithASessionAndNoRole_failsBeforeAskingSts() {
        RecordingSts sts = new RecordingSts();
        assertThatThrownBy(() -> StsSessions.issue(sts, StsRunSettings.from(Map.of()), true))
                .isInstanceOf(LabException.class).hasMessageContaining("lab.aws.sts.role-arn");
        assertThat(sts.requests).isEmpty();
    }

    /** Answers both calls with one fixed session and keeps the requests. */
    private static final class RecordingSts implements StsClient {
        static final Instant EXPIRES = Instant.parse("2026-01-01T00:15:00Z");
        final List<Object> requests = new ArrayList<>();

        private static Credentials session() {
            return Credentials.builder().accessKeyId("ASIAEXAMPLE").secretAccessKey("session-secret")
                    .sessionToken("token-1").expiration(EXPIRES).build();
        }

        @Override
        public GetSessionTokenResponse getSessionToken(GetSessionTokenRequest request) {
            requests.add(request);
            return GetSessionTokenResponse.builder().credentials(session()).build();
        }

        @Override
        public AssumeRoleResponse assumeRole(AssumeRoleRequest request) {
            requests.add(request);
            return AssumeRoleResponse.builder().credentials(session()).build();
        }

        @Override
        public String serviceName() {
            return "sts";
        }

        @Override
        public void close() {
        }
    }
}
