package io.cdclab.check;

import java.util.List;
import java.util.ServiceLoader;

/**
 * Every static rule: each reads the schema and the two configs, starts nothing, and names its scenario. The rules
 * are listed in {@code META-INF/services/io.cdclab.check.Rule}, in the order the console prints them, and found with
 * {@link ServiceLoader}: the engine names no rule, so a rule is added in {@code check/rules/} and that list alone.
 */
public final class StaticRules {
    private StaticRules() {
    }

    public static List<Rule> all() {
        return ServiceLoader.load(Rule.class, Rule.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).toList();
    }
}
