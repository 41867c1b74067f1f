package io.cdclab.process;

import io.cdclab.errors.LabException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Packs {@link WatchdogAgent} into a one-class agent jar and names it on a child's command line. */
final class WatchdogAgentJar {
    private WatchdogAgentJar() {
    }

    /** The {@code -javaagent:} option for a child of this JVM; writes the jar into {@code dir} once. */
    static synchronized String agentOption(Path dir) {
        Path jar = dir.resolve("cdc-lab-watchdog-agent.jar");
        if (!Files.exists(jar)) {
            write(jar);
        }
        return "-javaagent:" + jar + "=" + ProcessHandle.current().pid();
    }

    private static void write(Path jar) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), WatchdogAgent.class.getName());
        String entry = WatchdogAgent.class.getName().replace('.', '/') + ".class";
        try (InputStream classBytes = WatchdogAgent.class.getClassLoader().getResourceAsStream(entry)) {
            if (classBytes == null) {
                throw new LabException("Cannot find " + entry + " on the classpath to build the watchdog agent");
            }
            Files.createDirectories(jar.getParent());
            try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
                jarOut.putNextEntry(new JarEntry(entry));
                classBytes.transferTo(jarOut);
                jarOut.closeEntry();
            }
        } catch (IOException e) {
            throw new LabException("Cannot write the watchdog agent jar " + jar + ": " + e, e);
        }
    }
}
