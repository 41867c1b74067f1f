package io.cdclab.backend.containers.images;

import org.testcontainers.utility.DockerImageName;

import java.util.Optional;

/**
 * The images one run of the containers backend uses, from one {@link ImageSource}. A built image is named
 * {@code localhost/cdc-lab-<server>:<version>-<content hash>} and marked as a compatible substitute for the public
 * image it stands in for, so Testcontainers' modules accept it; the {@code localhost/} registry keeps
 * {@code hub.image.name.prefix} from rewriting it (that prefix applies to Docker Hub names only).
 *
 * @param moto moto's image, where this source has one (built from this machine's moto_server for a Glue lake: {@link BuiltImages#ensureWithMoto})
 */
public record LabImages(ImageSource source, DockerImageName postgres, DockerImageName kafka, DockerImageName connect,
                        DockerImageName s3proxy, Optional<DockerImageName> moto, Optional<String> whyNoMoto) {

    /** The public images, pinned in {@link ContainerImages}. */
    public static LabImages publicImages() {
        return new LabImages(ImageSource.PUBLIC, ContainerImages.POSTGRES, ContainerImages.KAFKA,
                ContainerImages.CONNECT, ContainerImages.S3PROXY, Optional.of(ContainerImages.MOTO), Optional.empty());
    }
}
