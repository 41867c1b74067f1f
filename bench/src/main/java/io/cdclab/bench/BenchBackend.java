package io.cdclab.bench;

import io.cdclab.backend.Backends;
import io.cdclab.settings.LabSettings;
import io.cdclab.topology.Backend;

import java.util.Locale;

/**
 * Where a benchmark's topology runs: the lab's backend registry ({@link Backends}) reading {@code -Dlab.backend}, as a
 * team's tests do, except that a benchmark left without the property runs on {@code embedded} rather than the
 * registry's {@code auto}: the figures in docs/BENCHMARKS.md are the embedded backend's, and a Docker engine that
 * happens to answer should not change what a run measures. {@code -Dlab.backend=auto} still asks the registry.
 * A fresh backend for every topology, as {@code Topology.start(backend)} expects.
 */
final class BenchBackend {
    static final String DEFAULT = "embedded";

    private BenchBackend() {
    }

    static Backend fromSystemProperties() {
        String requested = System.getProperty(Backends.PROPERTY, "").trim();
        if (requested.isEmpty()) {
            return Backends.choose(DEFAULT, BenchBackend::dockerNotAsked);
        }
        if (requested.toLowerCase(Locale.ROOT).equals("auto")) {
            return Backends.from(LabSettings.fromSystemProperties()); // the registry's own choice, Docker engine or not
        }
        return Backends.choose(requested, BenchBackend::dockerNotAsked);
    }

    /** The backend's name as the figures record it ({@code auto} resolved), without building the backend. */
    static String name() {
        String requested = System.getProperty(Backends.PROPERTY, "").trim().toLowerCase(Locale.ROOT);
        if (requested.isEmpty()) {
            return DEFAULT;
        }
        return requested.equals("auto") ? Backends.name(LabSettings.fromSystemProperties()) : requested;
    }

    /** {@link Backends#choose} asks about a Docker engine only for {@code auto}, which never reaches here. */
    private static boolean dockerNotAsked() {
        return false;
    }
}
