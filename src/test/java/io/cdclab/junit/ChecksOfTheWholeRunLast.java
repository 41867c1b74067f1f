package io.cdclab.junit;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Comparator;

/**
 * The suite's class order (junit-platform.properties): shared classes of the same settings together
 * ({@link SharedTopologiesTogether}), then classes marked {@link OfTheWholeRun} last. They check what the scenario classes wrote (the report's pages in a
 * real browser); run first, as the file system's order had them, they would check only the pages left from an
 * earlier run.
 */
public final class ChecksOfTheWholeRunLast implements ClassOrderer {

    /** A test class that checks what the whole run produced, so it runs after every other class. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    public @interface OfTheWholeRun {
    }

    @Override
    public void orderClasses(ClassOrdererContext context) {
        new SharedTopologiesTogether().orderClasses(context);
        // List.sort is stable: only the marked classes move.
        context.getClassDescriptors().sort(Comparator.comparing((ClassDescriptor d) -> d.isAnnotated(OfTheWholeRun.class)));
    }
}
