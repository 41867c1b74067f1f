package io.cdclab.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One rule that fired on the team's pipeline, with every place it fired: a table ({@code public.orders}), a column
 * ({@code public.orders.amount}) or a config key ({@code sink: iceberg.tables.upsert-mode-enabled}). Each place has
 * its own evidence and fix (what the files say there, what to change there); {@code commonEvidence} and
 * {@code commonFix} hold what is true of every place (the connector setting that makes the rule apply, the
 * alternative fix), so a rule that fires on eight tables says it once, not eight times. Either may be empty.
 * Secrets never go into the evidence: name the key, not its value.
 */
public record Finding(RuleInfo rule, String commonEvidence, String commonFix, List<Place> places) {
    public Finding {
        Objects.requireNonNull(rule);
        Objects.requireNonNull(commonEvidence);
        Objects.requireNonNull(commonFix);
        places = List.copyOf(places);
        if (places.isEmpty()) {
            throw new IllegalArgumentException("a finding of " + rule.id() + " needs at least one place");
        }
    }

    /** Where a rule fired, what shows it there, and what to change there (may be empty: then the common fix). */
    public record Place(String where, String evidence, String fix) {
        public Place {
            Objects.requireNonNull(where);
            Objects.requireNonNull(evidence);
            Objects.requireNonNull(fix);
        }

        /** {@code text} as said of this place: prefixed by where, unless it begins by naming it already. */
        public String named(String text) {
            return text.startsWith(where + " ") ? text : where + ": " + text;
        }
    }

    public static Place place(String where, String evidence, String fix) {
        return new Place(where, evidence, fix);
    }

    public String ruleId() {
        return rule.id();
    }

    public Severity severity() {
        return rule.severity();
    }

    /** Every place, in the order the rule found them (the captured tables' order, the config's keys). */
    public List<String> wheres() {
        return places.stream().map(Place::where).toList();
    }

    /** The places, comma-separated: one line for a person. */
    public String where() {
        return String.join(", ", wheres());
    }

    /** All the evidence in one text: each place's (named where there are several), then the common part. */
    public String evidence() {
        return joined(places.stream().map(Place::evidence).toList(), commonEvidence);
    }

    /** Every fix in one text: each place's (named where there are several), then the common part. */
    public String fix() {
        return joined(places.stream().map(Place::fix).toList(), commonFix);
    }

    private String joined(List<String> perPlace, String common) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < places.size(); i++) {
            String text = perPlace.get(i);
            if (!text.isEmpty()) {
                parts.add(places.size() == 1 ? text : places.get(i).named(text));
            }
        }
        if (!common.isEmpty()) {
            parts.add(common);
        }
        return String.join("; ", parts);
    }

    /** This finding at the places {@code keep} accepts; empty when it accepts none. */
    public Optional<Finding> only(Predicate<Place> keep) {
        List<Place> kept = places.stream().filter(keep).toList();
        return kept.isEmpty() ? Optional.empty() : Optional.of(new Finding(rule, commonEvidence, commonFix, kept));
    }
}
