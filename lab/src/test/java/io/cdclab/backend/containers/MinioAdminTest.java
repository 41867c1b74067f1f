package io.cdclab.backend.containers;

import io.cdclab.topology.AwsCredentials;
import io.cdclab.topology.LabException;
import io.cdclab.topology.Secret;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code mc admin} commands the containers backend runs inside MinIO to add the pipeline's user and to revoke
 * its key pair, recorded instead of executed: what runs, and that no secret is ever a command argument.
 */
class MinioAdminTest {
    private final Secret root = Secret.random(16);
    private final List<Call> calls = new ArrayList<>();
    private long exitCode;
    private final MinioAdmin admin = new MinioAdmin((command, env) -> {
        calls.add(new Call(command, Map.copyOf(env)));
        return new MinioAdmin.Result(exitCode, exitCode == 0 ? "" : "mc: <ERROR> Unable to add new user. Access denied.");
    }, "lab-admin", root);

    private record Call(List<String> command, Map<String, String> env) {
    }

    @Test
    void addUser_createsTheKeyPairAndGrantsReadWrite_withSecretsOnlyInTheEnvironment() {
        AwsCredentials keys = new AwsCredentials("LABKEY0001", Secret.of("s3cr3t-value-0123456789"), Optional.empty());

        admin.addUser(keys);

        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).command()).containsExactly("sh", "-c", "mc admin user add lab LABKEY0001 \"$LAB_SECRET_KEY\"");
        assertThat(calls.get(0).env()).containsEntry("LAB_SECRET_KEY", "s3cr3t-value-0123456789")
                .containsEntry("MC_HOST_lab", "http://lab-admin:" + root.reveal() + "@127.0.0.1:9000");
        assertThat(calls.get(1).command()).containsExactly("sh", "-c", "mc admin policy attach lab readwrite --user LABKEY0001");
        assertThat(calls.get(1).env()).containsOnlyKeys("MC_HOST_lab");
        assertThat(calls).allSatisfy(call -> assertThat(String.join(" ", call.command()))
                .doesNotContain("s3cr3t-value-0123456789", root.reveal()));
    }

    @Test
    void disableUser_revokesTheKeyPair() {
        admin.disableUser("LABKEY0001");

        assertThat(calls).singleElement().satisfies(call ->
                assertThat(call.command()).containsExactly("sh", "-c", "mc admin user disable lab LABKEY0001"));
    }

    @Test
    void aRefusal_namesTheCommandAndMinIOsReason_butNoSecret() {
        exitCode = 1;
        AwsCredentials keys = new AwsCredentials("LABKEY0002", Secret.of("another-secret-0123456789"), Optional.empty());

        assertThatThrownBy(() -> admin.addUser(keys)).isInstanceOf(LabException.class)
                .hasMessageContaining("mc admin user add lab LABKEY0002")
                .hasMessageContaining("exit 1")
                .hasMessageContaining("Access denied")
                .hasMessageNotContaining("another-secret-0123456789")
                .hasMessageNotContaining(root.reveal());
    }

    @Test
    void anAccessKeyIdThatIsNotPlainLettersAndDigits_isRefusedBeforeAnyShellSeesIt() {
        assertThatThrownBy(() -> admin.disableUser("x; rm -rf /")).isInstanceOf(LabException.class)
                .hasMessageContaining("letters and digits");
        assertThat(calls).isEmpty();
    }

    @Test
    void generatedKeyPairs_areAcceptedByTheIdCheck() {
        admin.disableUser(AwsCredentials.generate().accessKeyId());
        assertThat(calls).hasSize(1);
    }
}
