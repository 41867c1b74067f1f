package io.cdclab.junit;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A class order that moves each {@link CdcLab#shared() shared} class up to the first shared class of the same
 * settings, so that they run one after another on one topology; every other class keeps its place. Set it in
 * {@code junit-platform.properties}: {@code junit.jupiter.testclass.order.default=io.cdclab.junit.SharedTopologiesTogether}.
 */
public final class SharedTopologiesTogether implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        List<? extends ClassDescriptor> classes = context.getClassDescriptors();
        Map<ClassDescriptor, Integer> found = new IdentityHashMap<>();
        Map<CdcLab, Integer> firstOfSettings = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            int index = i;
            found.put(classes.get(i), index);
            sharedSettings(classes.get(i)).ifPresent(settings -> firstOfSettings.putIfAbsent(settings, index));
        }
        Comparator<ClassDescriptor> byGroup = Comparator.comparingInt(d -> sharedSettings(d)
                .map(firstOfSettings::get).orElse(found.get(d)));
        classes.sort(byGroup.thenComparingInt(found::get));
    }

    private static Optional<CdcLab> sharedSettings(ClassDescriptor d) {
        return d.findAnnotation(CdcLab.class).filter(CdcLab::shared);
    }
}
