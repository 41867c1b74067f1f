package io.cdclab.backend.containers.images;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.cdclab.errors.LabException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.RegistryAuthLocator;

import java.time.Duration;
import java.util.Optional;

/** {@link DockerImages} on the engine Testcontainers found, through its Docker client. */
final class TestcontainersDockerImages implements DockerImages {

    private static DockerClient client() {
        return DockerClientFactory.instance().client();
    }

    @Override
    public Optional<String> localId(DockerImageName image) {
        try {
            return Optional.ofNullable(client().inspectImageCmd(image.asCanonicalNameString()).exec().getId());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * Docker's pull, once: Testcontainers' own pull retries for two minutes and prints each failure with its stack
     * trace, which tells a user nothing a single error does not.
     */
    @Override
    public void pull(DockerImageName image, Duration timeout) {
        DockerClient client = client();
        try {
            client.pullImageCmd(image.getUnversionedPart())
                    .withTag(image.getVersionPart())
                    .withAuthConfig(RegistryAuthLocator.instance().lookupAuthConfig(image, client.authConfig()))
                    .exec(new QuietPull())
                    .await(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while pulling " + image.asCanonicalNameString(), e);
        }
    }

    @Override
    public void build(DockerImageName name, ImageRecipe recipe, DockerImageName base) {
        // deleteOnExit false: the image is the cache of later runs.
        ImageFromDockerfile image = new ImageFromDockerfile(name.asCanonicalNameString(), false)
                .withFileFromString("Dockerfile", recipe.dockerfileOn(base));
        recipe.files().forEach((path, file) -> image.withFileFromTransferable(path, file.transferable()));
        image.get();
    }
}
