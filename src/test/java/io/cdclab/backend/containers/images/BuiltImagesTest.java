package io.cdclab.backend.containers.images;

import io.cdclab.errors.LabException;
import org.junit.jupiter.api.Test;
import org.testcontainers.utility.DockerImageName;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Image sources, names, caching and the missing-image errors, against a fake engine: no Docker needed. */
class BuiltImagesTest {
    private static final DockerImageName BASE = DockerImageName.parse("localhost/cdc-lab-jre:17-bookworm");

    @Test
    void theImageSource_isPublicUnlessBuiltIsAsked_andAnythingElseIsRefusedWithTheChoices() {
        assertThat(ImageSource.parse(null)).isEqualTo(ImageSource.PUBLIC);
        assertThat(ImageSource.parse(" Built ")).isEqualTo(ImageSource.BUILT);
        assertThatThrownBy(() -> ImageSource.parse("local")).isInstanceOf(LabException.class)
                .hasMessageContaining("-Dlab.containers.images=local is not an image source")
                .hasMessageContaining("public").hasMessageContaining("built");
    }

    @Test
    void theBaseImage_isTheUsersProperty_elseTheVariable_elseAPinnedPublicJre() {
        assertThat(BaseImage.choose("my/jre:1", Map.of(BaseImage.VARIABLE, "other:2")).asCanonicalNameString()).isEqualTo("my/jre:1");
        assertThat(BaseImage.choose(" ", Map.of(BaseImage.VARIABLE, "other:2")).asCanonicalNameString()).isEqualTo("other:2");
        assertThat(BaseImage.choose(null, Map.of())).isEqualTo(BaseImage.DEFAULT);
        assertThat(BaseImage.DEFAULT.getVersionPart()).isNotEqualTo("latest");
    }

    @Test
    void aBuiltImagesName_followsEveryInput_andStandsInForThePublicImage() {
        ImageRecipe recipe = recipe("echo one");
        DockerImageName name = recipe.name(BASE, "sha256:base1");
        assertThat(name.asCanonicalNameString()).matches("localhost/cdc-lab-postgres:16\\.10\\.0-[0-9a-f]{12}");
        assertThat(name.isCompatibleWith(ContainerImages.POSTGRES)).isTrue();
        assertThat(recipe.name(BASE, "sha256:base1")).isEqualTo(name);
        assertThat(recipe("echo two").name(BASE, "sha256:base1")).as("a script's byte").isNotEqualTo(name);
        assertThat(recipe.name(BASE, "sha256:base2")).as("a rebuilt base image").isNotEqualTo(name);
        assertThat(recipe.dockerfileOn(BASE)).startsWith("FROM localhost/cdc-lab-jre:17-bookworm");
    }

    @Test
    void anImageTheEngineHas_isNotBuiltAgain() {
        FakeEngine engine = new FakeEngine();
        engine.local.put(BASE.asCanonicalNameString(), "sha256:base");
        BuiltImages built = new BuiltImages(engine, new ImageAvailability(engine, image -> image));

        LabImages first = built.ensure(BASE, () -> List.of(recipe("echo one")));
        LabImages second = built.ensure(BASE, () -> List.of(recipe("echo one")));

        assertThat(engine.builds).hasSize(1);
        assertThat(second).isEqualTo(first);
        assertThat(first.source()).isEqualTo(ImageSource.BUILT);
        assertThat(first.moto()).isEmpty();
        assertThat(first.whyNoMoto()).contains(BuiltImages.MOTO_FOR_GLUE_ONLY);
    }

    @Test
    void aMissingPublicImage_isPulledOnce_underItsSubstitutedName_andOneErrorListsEachFailureAndTheWaysOut() {
        FakeEngine engine = new FakeEngine();
        engine.local.put("mirror.example/postgres:16.10", "sha256:pg");
        engine.pullError = "Status 500: proxyconnect tcp: connection refused";
        ImageAvailability availability = new ImageAvailability(engine,
                image -> DockerImageName.parse("mirror.example/" + image.asCanonicalNameString()));

        assertThatThrownBy(() -> availability.requirePublic(List.of(ContainerImages.POSTGRES, ContainerImages.KAFKA)))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("cannot get 1 of the images it needs. Nothing was started.")
                .hasMessageContaining("mirror.example/apache/kafka:4.3.1 (not on this Docker engine; pulling it failed: "
                        + "Status 500: proxyconnect tcp: connection refused)")
                .hasMessageNotContaining("postgres:16.10 (")
                .hasMessageContaining("-Dlab.backend=embedded")
                .hasMessageContaining("-Dlab.containers.images=built")
                .hasMessageContaining("hub.image.name.prefix");
        assertThat(engine.pulls).containsExactly("mirror.example/apache/kafka:4.3.1");
    }

    @Test
    void aPullError_isTheEnginesOwnSentence() {
        String engine = "Status 500: {\"message\":\"Get \\\"https://registry-1.docker.io/v2/\\\": proxyconnect tcp: "
                + "dial tcp 127.0.0.1:9: connect: connection refused\"}\n";
        assertThat(QuietPull.readable(new RuntimeException(engine)))
                .isEqualTo("Get \"https://registry-1.docker.io/v2/\": proxyconnect tcp: dial tcp 127.0.0.1:9: connect: connection refused");
        assertThat(QuietPull.readable(new RuntimeException("manifest unknown"))).isEqualTo("manifest unknown");
    }

    private static ImageRecipe recipe(String script) {
        return new ImageRecipe("postgres", "16.10.0", ContainerImages.POSTGRES,
                "FROM " + ImageRecipe.BASE_PLACEHOLDER + "\nCOPY run.sh /run.sh\n",
                Map.of("run.sh", ContextFile.of(script.getBytes(StandardCharsets.UTF_8), 0755)));
    }

    private static final class FakeEngine implements DockerImages {
        final Map<String, String> local = new HashMap<>();
        final List<String> builds = new ArrayList<>();
        final List<String> pulls = new ArrayList<>();
        String pullError;

        @Override
        public Optional<String> localId(DockerImageName image) {
            return Optional.ofNullable(local.get(image.asCanonicalNameString()));
        }

        @Override
        public void pull(DockerImageName image, Duration timeout) {
            pulls.add(image.asCanonicalNameString());
            throw new LabException(pullError);
        }

        @Override
        public void build(DockerImageName name, ImageRecipe recipe, DockerImageName base) {
            builds.add(name.asCanonicalNameString());
            local.put(name.asCanonicalNameString(), "sha256:" + builds.size());
        }
    }
}
