package io.cdclab.check.rules;

import io.cdclab.check.AbstractRule;
import io.cdclab.check.CheckInput;
import io.cdclab.check.Finding;
import io.cdclab.check.RuleInfo;
import io.cdclab.check.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * F7: a password, key or token written as a literal in a connector config is stored as written in Connect's config
 * topic and returned by {@code GET /connectors/<name>/config}; a {@code ${env:...}} or {@code ${file:...}}
 * reference is resolved by the worker and only the reference is stored (the lab's secret scan proves it, F7).
 * Secret, not data, but it leaks out of the pipeline, so it fails the check. The value is never quoted.
 */
public final class PlainTextSecret extends AbstractRule {
    public static final RuleInfo INFO = new RuleInfo("plain-text-secret", Severity.LOSES_DATA, "F7",
            "a secret written in plain text in a connector config is readable in Connect's config topic and REST API");

    public PlainTextSecret() {
        super(INFO);
    }

    @Override
    protected Optional<Finding> findings(CheckInput input) {
        List<Finding.Place> places = new ArrayList<>();
        places.addAll(check(input.source(), "source"));
        places.addAll(check(input.sink(), "sink"));
        return at(places, "", "Give the worker config.providers=env (or ${file:<path>:<key>} with "
                + "FileConfigProvider), and rotate the exposed values.");
    }

    private static List<Finding.Place> check(CheckInput.Connector connector, String side) {
        return new TreeSet<>(connector.config().keySet()).stream().filter(Configs::isSecretKey).filter(k -> {
                    String value = connector.get(k).strip();
                    return !value.isEmpty() && !Configs.isReference(value) && !Configs.isLabPlaceholder(value);
                })
                .map(k -> Finding.place(side + ": " + k, Configs.file(connector) + ": " + k
                                + " holds a literal value (not shown), not a ${env:...} or ${file:...} reference",
                        "\"" + k + "\": \"${env:<VARIABLE>}\" in " + Configs.file(connector)))
                .toList();
    }
}
