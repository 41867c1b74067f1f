package io.cdclab.faults;

import io.cdclab.endpoints.Secret;
import io.cdclab.errors.LabException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretLeakScannerTest {
    private final Secret password = Secret.random(12);
    private final Secret key = Secret.random(20);

    @Test
    void findsASecretInANestedLogFile_andNamesThePlaceNotTheValue(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(dir.resolve("logs/connect.log"), "INFO all good\n");
        Files.writeString(dir.resolve("logs/sink.log"), "ERROR s3.secret-access-key=" + key.reveal() + "\n");

        List<SecretLeakScanner.Leak> leaks = new SecretLeakScanner(List.of(password, key)).files(dir).leaks();

        assertThat(leaks).singleElement().satisfies(leak -> {
            assertThat(leak.secretIndex()).isEqualTo(1);
            assertThat(leak.where()).endsWith("sink.log");
            assertThat(leak.toString()).doesNotContain(key.reveal());
        });
    }

    @Test
    void findsASecretInAnExceptionCause() {
        Exception error = new IllegalStateException("outer", new RuntimeException("password " + password.reveal()));

        assertThat(new SecretLeakScanner(List.of(password, key)).exception("start", error).leaks())
                .extracting(SecretLeakScanner.Leak::secretIndex).containsExactly(0);
    }

    @Test
    void cleanTextHasNoLeaks_maskedSecretsIncluded() {
        assertThat(new SecretLeakScanner(List.of(password, key)).text("log", "password=" + password).leaks()).isEmpty();
    }

    @Test
    void refusesToScanForNothing() {
        assertThatThrownBy(() -> new SecretLeakScanner(List.of())).isInstanceOf(LabException.class)
                .hasMessageContaining("proves nothing");
    }

    @Test
    void theLoginFileIsTheOneAllowedPlace_aCopyOfItsSecretsElsewhereIsStillALeak(@TempDir Path dir) throws IOException {
        Path login = dir.resolve("login.env");
        Files.writeString(login, "export PGPASSWORD='" + password.reveal() + "'\n");
        Files.writeString(dir.resolve("main-job.log"), "psql with " + password.reveal() + "\n");

        SecretLeakScanner scanner = new SecretLeakScanner(List.of(password, key)).allowing(login).files(dir, 1);

        assertThat(scanner.leaks()).singleElement().satisfies(leak -> assertThat(leak.where()).endsWith("main-job.log"));
        assertThat(scanner.scanned()).contains("allowed, not scanned: " + login);
        assertThatThrownBy(() -> scanner.allowing(dir.resolve("other.env"))).isInstanceOf(LabException.class)
                .hasMessageContaining("Only one place may hold secrets");
    }
}
