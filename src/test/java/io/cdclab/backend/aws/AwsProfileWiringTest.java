package io.cdclab.backend.aws;

import io.cdclab.backend.Backends;
import io.cdclab.errors.LabException;
import io.cdclab.gluelake.AwsSettings;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mvn -Paws ...} must reach the test JVM as {@code -Dlab.backend=aws}: the root pom's profile sets the
 * property, its Surefire passes it on as a system property.
 */
class AwsProfileWiringTest {
    private final Path home = Path.of(System.getProperty("lab.home", ".")).toAbsolutePath().normalize();

    @Test
    void theAwsProfileSelectsTheAwsBackend() throws Exception {
        Document root = parse(home.resolve("pom.xml"));
        Element aws = null;
        NodeList profiles = root.getElementsByTagName("profile");
        for (int i = 0; i < profiles.getLength(); i++) {
            Element profile = (Element) profiles.item(i);
            if ("aws".equals(text(profile, "id"))) {
                aws = profile;
            }
        }
        assertThat(aws).as("profile aws in the root pom.xml").isNotNull();
        assertThat(text(aws, "lab.backend")).isEqualTo("aws");
    }

    @Test
    void surefirePassesTheBackendPropertyToTheTests() throws Exception {
        Document lab = parse(home.resolve("pom.xml"));
        NodeList vars = lab.getElementsByTagName("systemPropertyVariables");
        assertThat(vars.getLength()).isEqualTo(1);
        assertThat(text((Element) vars.item(0), "lab.backend")).isEqualTo("${lab.backend}");
        // and the test JVM did get it (auto, or whatever -D/-P chose)
        assertThat(System.getProperty("lab.backend")).isNotBlank();
    }

    @Test
    void choosingAwsWithoutItsSettings_failsBeforeAnythingStarts() {
        Assumptions.assumeTrue(System.getProperty(AwsSettings.BUCKET) == null);
        Assertions.assertThatThrownBy(() -> Backends.choose("aws", () -> false))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("-Dlab.aws.bucket");
    }

    private static Document parse(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }
}
