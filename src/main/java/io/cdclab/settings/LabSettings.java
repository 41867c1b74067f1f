package io.cdclab.settings;

import io.cdclab.errors.LabException;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The lab's settings, read once: every {@code -Dlab.*} (and {@code -Dbench.soak.*}) a run was started with, taken
 * from the system properties at an entry point ({@link #fromSystemProperties()}: the JUnit extension, the main job
 * and its launcher, a {@code Topology} built without settings) and handed down from there. The topology carries
 * it, so backends, servers and pipelines read it from the topology. Tests build their own with {@link #from(Map)}
 * or {@link #with(String, String)} and touch no system property.
 *
 * <p>This class holds the names of the settings and the plain reading of each value (text, flag, number); a value
 * that is one of a few names (a backend, a lake, a profile, a converter, an S3 server) is parsed by the type that
 * knows the names, from this object (e.g. {@code LakeKind.CONFIGURED.resolve(settings)}), with the error that
 * lists them.
 *
 * <table>
 * <caption>The settings (all optional), and where each is read</caption>
 * <tr><th>property</th><th>what it sets</th><th>read by</th></tr>
 * <tr><td>lab.backend</td><td>auto|embedded|containers|aws|external</td><td>Backends</td></tr>
 * <tr><td>lab.lake</td><td>jdbc|glue</td><td>LakeKind</td></tr>
 * <tr><td>lab.profile</td><td>default,fast,recovery,exactly-once (comma-separated)</td><td>LabProfiles</td></tr>
 * <tr><td>lab.converter</td><td>json|json-schemaless|avro for every pipeline</td><td>Converter</td></tr>
 * <tr><td>lab.keep</td><td>keep servers' data and the run's lake after the run</td><td>{@link #keep()}</td></tr>
 * <tr><td>lab.startup.overlapConnect</td><td>embedded: launch Connect while Kafka starts (default true)</td><td>{@link #overlapConnectStartup()}</td></tr>
 * <tr><td>lab.containers.s3</td><td>s3proxy|localstack</td><td>S3Server</td></tr>
 * <tr><td>lab.containers.images</td><td>public|built</td><td>ImageSource</td></tr>
 * <tr><td>lab.containers.baseImage</td><td>base image of the built images</td><td>BaseImage</td></tr>
 * <tr><td>lab.aws.bucket, lab.aws.prefix, lab.aws.region</td><td>the aws backend's lake</td><td>AwsSettings</td></tr>
 * <tr><td>lab.aws.sts, lab.aws.sts.role-arn, lab.aws.sts.duration-seconds</td><td>the real-STS run</td><td>StsRunSettings</td></tr>
 * <tr><td>lab.aws.catalog.*</td><td>passed on to the Glue catalog's config</td><td>GlueLakeTopology</td></tr>
 * <tr><td>lab.external.*</td><td>the external backend's endpoints</td><td>ExternalSettings</td></tr>
 * <tr><td>lab.moto.command</td><td>where moto_server is</td><td>{@link #motoCommand()}</td></tr>
 * <tr><td>lab.cds</td><td>class-data sharing archives for the child JVMs (default true)</td><td>{@link #classDataSharing()}</td></tr>
 * <tr><td>lab.cds.dir</td><td>where those archives live</td><td>RuntimeLayout</td></tr>
 * <tr><td>lab.child.jvmFlags.&lt;child&gt;</td><td>extra JVM flags for one child JVM</td><td>{@link #childJvmFlags(String)}</td></tr>
 * <tr><td>lab.noOwnSession</td><td>child processes stay in the lab's session</td><td>OwnSession</td></tr>
 * <tr><td>lab.maven.repo.local, lab.maven.offline</td><td>how the runtimes are resolved (the pom passes Maven's)</td><td>ResolverSettings</td></tr>
 * <tr><td>lab.java21.home</td><td>the JDK 21+ the schema registry runs on</td><td>JavaHomes</td></tr>
 * <tr><td>lab.home</td><td>the project folder (default: the working directory)</td><td>LabHome</td></tr>
 * <tr><td>lab.invocation.dir</td><td>where the main job was typed (set by its launcher)</td><td>TeamPipeline</td></tr>
 * <tr><td>lab.slow</td><td>the slow scenarios too (tests)</td><td>{@link #slow()}</td></tr>
 * <tr><td>bench.soak.*</td><td>the soak run</td><td>SoakSettings</td></tr>
 * </table>
 *
 * <p>Not settings of the lab, so not here: {@code lab.main}, {@code lab.args} and {@code lab.jvm.flags} are the
 * pom's inputs to the main job's launcher (MainJobCommand), and the benchmarks' {@code bench.*} are read by
 * {@code io.cdclab.bench}.
 */
public final class LabSettings {
    public static final String BACKEND = "lab.backend";
    public static final String LAKE = "lab.lake";
    public static final String PROFILE = "lab.profile";
    public static final String CONVERTER = "lab.converter";
    public static final String KEEP = "lab.keep";
    public static final String OVERLAP_CONNECT = "lab.startup.overlapConnect";
    public static final String CONTAINERS_S3 = "lab.containers.s3";
    public static final String CONTAINERS_IMAGES = "lab.containers.images";
    public static final String CONTAINERS_BASE_IMAGE = "lab.containers.baseImage";
    public static final String AWS_BUCKET = "lab.aws.bucket";
    public static final String AWS_PREFIX = "lab.aws.prefix";
    public static final String AWS_REGION = "lab.aws.region";
    public static final String AWS_STS = "lab.aws.sts";
    public static final String AWS_STS_ROLE_ARN = "lab.aws.sts.role-arn";
    public static final String AWS_STS_DURATION = "lab.aws.sts.duration-seconds";
    /** Every {@code lab.aws.catalog.<key>} is passed on to the Glue catalog as {@code <key>}. */
    public static final String AWS_CATALOG_PREFIX = "lab.aws.catalog.";
    public static final String EXTERNAL_PREFIX = "lab.external.";
    public static final String MOTO_COMMAND = "lab.moto.command";
    public static final String SLOW = "lab.slow";
    /** Class-data sharing archives for the child JVMs (default true). */
    public static final String CDS = "lab.cds";
    /** Where the class-data archives live (default: the user's cache folder). */
    public static final String CDS_DIR = "lab.cds.dir";
    /** {@code lab.child.jvmFlags.<child name>}: extra JVM flags for one child JVM (e.g. {@code connect-1}). */
    public static final String CHILD_JVM_FLAGS_PREFIX = "lab.child.jvmFlags.";
    public static final String NO_OWN_SESSION = "lab.noOwnSession";
    public static final String MAVEN_REPO_LOCAL = "lab.maven.repo.local";
    public static final String MAVEN_OFFLINE = "lab.maven.offline";
    public static final String JAVA21_HOME = "lab.java21.home";
    public static final String HOME = "lab.home";
    /** Where the person ran the main job (set by the launcher); a team's relative paths start there. */
    public static final String INVOCATION_DIR = "lab.invocation.dir";
    public static final String SOAK_PREFIX = "bench.soak.";

    private static final LabSettings NONE = new LabSettings(Map.of());

    private final Map<String, String> values;

    private LabSettings(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /**
     * The {@code lab.*} and {@code bench.*} system properties now. Called at the entry points only; everything
     * below them is handed the object.
     */
    public static LabSettings fromSystemProperties() {
        Map<String, String> values = new TreeMap<>();
        System.getProperties().forEach((k, v) -> {
            String key = k.toString();
            if (key.startsWith("lab.") || key.startsWith("bench.")) {
                values.put(key, v.toString());
            }
        });
        return new LabSettings(values);
    }

    /** Settings from a map, e.g. in a test; keys are the property names. */
    public static LabSettings from(Map<String, String> values) {
        return new LabSettings(values);
    }

    /** No setting: every default. */
    public static LabSettings none() {
        return NONE;
    }

    /** These settings with {@code name} set to {@code value} (null removes it). */
    public LabSettings with(String name, String value) {
        Map<String, String> copy = new TreeMap<>(values);
        if (value == null) {
            copy.remove(name);
        } else {
            copy.put(name, value);
        }
        return new LabSettings(copy);
    }

    /** The value as given, or empty when unset. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The trimmed value, or {@code fallback} when unset or blank. */
    public String text(String name, String fallback) {
        String value = values.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /** Whether the flag is {@code true} (any case); unset or anything else is false, as -Dlab.keep always read. */
    public boolean flag(String name) {
        return Boolean.parseBoolean(text(name, "false"));
    }

    /** The flag, or {@code fallback} when unset; a value other than true or false fails, naming the property. */
    public boolean flag(String name, boolean fallback) {
        String value = text(name, "").toLowerCase(Locale.ROOT);
        return switch (value) {
            case "" -> fallback;
            case "true" -> true;
            case "false" -> false;
            default -> throw new LabException("-D" + name + "=" + values.get(name) + " is not a flag: use true or "
                    + "false (unset means " + fallback + ").");
        };
    }

    /** A whole number, or {@code fallback} when unset; anything else fails, naming the property. */
    public long number(String name, long fallback) {
        String value = text(name, "");
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new LabException("-D" + name + "=" + values.get(name) + " is not a whole number (unset means "
                    + fallback + ").");
        }
    }

    /** Every setting, by property name. */
    public Map<String, String> asMap() {
        return values;
    }

    /** The settings whose names start with {@code prefix}, with the prefix kept. */
    public Map<String, String> startingWith(String prefix) {
        Map<String, String> matching = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                matching.put(k, v);
            }
        });
        return Collections.unmodifiableMap(matching);
    }

    /** {@code -Dlab.keep}: leave the servers' data and the run's lake behind for a look afterwards. */
    public boolean keep() {
        return flag(KEEP);
    }

    /** {@code -Dlab.slow}: the longer variants of some scenarios. */
    public boolean slow() {
        return flag(SLOW);
    }

    /** {@code -Dlab.startup.overlapConnect} (default true). */
    public boolean overlapConnectStartup() {
        return Boolean.parseBoolean(values.getOrDefault(OVERLAP_CONNECT, "true").trim());
    }

    /** {@code -Dlab.cds} (default true): class-data sharing archives for the child JVMs. */
    public boolean classDataSharing() {
        return Boolean.parseBoolean(values.getOrDefault(CDS, "true").trim());
    }

    /** {@code -Dlab.child.jvmFlags.<child>}: extra JVM flags for one child JVM, split at white space. */
    public List<String> childJvmFlags(String child) {
        String flags = text(CHILD_JVM_FLAGS_PREFIX + child, "");
        return flags.isEmpty() ? List.of() : List.of(flags.split("\\s+"));
    }

    /** {@code -Dlab.moto.command}, trimmed, or empty. */
    public Optional<String> motoCommand() {
        return Optional.of(text(MOTO_COMMAND, "")).filter(s -> !s.isEmpty());
    }

    @Override
    public String toString() {
        return "LabSettings" + values.keySet(); // names only: a value may be a secret
    }
}
