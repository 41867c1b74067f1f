package io.cdclab.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Merges findings into one per rule: the probe finds per table and a team may combine results, but a team reads one
 * finding per rule with every place it fired (a rule firing on eight tables buried the rest when it was eight).
 * Places keep their first-seen order; two findings at the same place merge their evidence and fixes.
 */
public final class FindingsByRule {
    private FindingsByRule() {
    }

    public static List<Finding> group(List<Finding> findings) {
        Map<String, List<Finding>> byRule = new LinkedHashMap<>();
        findings.forEach(f -> byRule.computeIfAbsent(f.ruleId(), id -> new ArrayList<>()).add(f));
        return byRule.values().stream().map(FindingsByRule::merge).toList();
    }

    private static Finding merge(List<Finding> sameRule) {
        if (sameRule.size() == 1) {
            return sameRule.get(0);
        }
        Map<String, List<Finding.Place>> byWhere = new LinkedHashMap<>();
        sameRule.forEach(f -> f.places().forEach(p -> byWhere.computeIfAbsent(p.where(), w -> new ArrayList<>()).add(p)));
        List<Finding.Place> places = byWhere.entrySet().stream().map(e -> new Finding.Place(e.getKey(),
                distinct(e.getValue().stream().map(Finding.Place::evidence).toList()),
                distinct(e.getValue().stream().map(Finding.Place::fix).toList()))).toList();
        return new Finding(sameRule.get(0).rule(), distinct(sameRule.stream().map(Finding::commonEvidence).toList()),
                distinct(sameRule.stream().map(Finding::commonFix).toList()), places);
    }

    /** The distinct non-empty texts, in order, joined: the same sentence twice says nothing more. */
    private static String distinct(List<String> texts) {
        LinkedHashSet<String> kept = new LinkedHashSet<>();
        texts.stream().filter(t -> !t.isEmpty()).forEach(kept::add);
        return String.join(" ", kept);
    }
}
