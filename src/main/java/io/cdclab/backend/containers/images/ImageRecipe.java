package io.cdclab.backend.containers.images;

import org.testcontainers.utility.DockerImageName;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * How to build one server's image: its Dockerfile (with {@code @BASE_IMAGE@} for the base) and build context.
 *
 * @param server    the server, part of the image's name ({@code localhost/cdc-lab-<server>})
 * @param version   the server's release, the start of the tag
 * @param standsFor the public image whose contract this one honours
 * @param files     the build context besides the Dockerfile, by path in the context
 */
record ImageRecipe(String server, String version, DockerImageName standsFor, String dockerfile,
                   Map<String, ContextFile> files) {
    static final String BASE_PLACEHOLDER = "@BASE_IMAGE@";
    /** Bumped when the way images are built changes in a way their inputs do not show. */
    private static final String FORMAT = "cdc-lab image 1";

    String dockerfileOn(DockerImageName base) {
        return dockerfile.replace(BASE_PLACEHOLDER, base.asCanonicalNameString());
    }

    /**
     * The image's name: the tag ends in a hash of every input (the base image's id, the Dockerfile, each file's
     * path, mode and bytes), so an image of that name holds exactly these inputs and a second run builds nothing.
     */
    DockerImageName name(DockerImageName base, String baseImageId) {
        MessageDigest digest = sha256();
        digest.update((FORMAT + "\n" + baseImageId + "\n" + dockerfileOn(base)).getBytes(StandardCharsets.UTF_8));
        new TreeMap<>(files).forEach((path, file) -> {
            digest.update(("\n" + path + "\n").getBytes(StandardCharsets.UTF_8));
            file.hashInto(digest);
        });
        String hash = HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        return DockerImageName.parse("localhost/cdc-lab-" + server + ":" + version + "-" + hash)
                .asCompatibleSubstituteFor(standsFor);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
