package io.cdclab.servers;

import io.cdclab.profiles.ExactlyOnceProfile;
import io.cdclab.profiles.RecoveryProfile;
import io.cdclab.profiles.SettingsProfile;
import io.cdclab.topology.Topology;
import io.cdclab.util.PropertiesResource;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lab's Kafka Connect worker settings, defined once for every backend: the embedded worker writes them as
 * worker properties, the Connect container as its image's variables. Only what depends on where the worker runs
 * (addresses, listeners, plugin and secret paths, heap) stays with each backend. The profiles are applied here,
 * over the defaults, so that a profile reaches every worker however it runs. The defaults, each with why, are in
 * {@code worker-defaults.properties} beside this class (src/main/resources/io/cdclab/servers/).
 */
public final class WorkerSettings {
    public static final String GROUP_ID = "cdc-lab-connect";

    private WorkerSettings() {
    }

    /** The lab's worker settings with {@code topology}'s profiles applied: recovery, then exactly-once. */
    public static Map<String, String> of(Topology topology) {
        Map<String, String> p = defaults();
        if (topology.profile() == SettingsProfile.RECOVERY) {
            p.putAll(RecoveryProfile.workerSettings());
        }
        if (topology.exactlyOnce()) {
            p.putAll(ExactlyOnceProfile.workerSettings());
        }
        return p;
    }

    /** The lab's worker settings without any profile. */
    public static Map<String, String> defaults() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("group.id", GROUP_ID);
        p.putAll(PropertiesResource.read(WorkerSettings.class, "worker-defaults.properties"));
        return p;
    }
}
