package io.cdclab.topology;

import io.cdclab.errors.LabException;
import io.cdclab.settings.LabSettings;

import java.util.ServiceLoader;

/**
 * Chooses the {@link Backend} a {@link Topology} starts on when the caller names none ({@code -Dlab.backend}). The
 * lab's registry of backends implements it and is found with {@link ServiceLoader}, so that this package, the
 * model every backend builds on, names no backend: a new backend is added in its own package and in the registry.
 */
public interface BackendChooser {

    /** The backend {@code -Dlab.backend} of {@code settings} names ({@code auto} when unset). */
    Backend choose(LabSettings settings);

    /** The registry on the classpath (the cdc-lab jar lists it in {@code META-INF/services}). */
    static BackendChooser onClasspath() {
        return ServiceLoader.load(BackendChooser.class, BackendChooser.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new LabException("No backend registry found: the cdc-lab jar lists it in "
                        + "META-INF/services/" + BackendChooser.class.getName() + ". Is the jar on the classpath "
                        + "whole (not repackaged without its service files)?"));
    }
}
