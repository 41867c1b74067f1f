package io.cdclab.check.rules;

import io.cdclab.check.AbstractRule;
import io.cdclab.check.CheckInput;
import io.cdclab.check.Finding;
import io.cdclab.check.RuleInfo;
import io.cdclab.check.SchemaModel;
import io.cdclab.check.Severity;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * C5: PostgreSQL does not log an unchanged TOASTed value on UPDATE unless the replica identity is FULL, so Debezium
 * sends {@code __debezium_unavailable_value} and a plain merge writes it over the real value. Fires per table for
 * the columns that can hold a value large enough to be stored out of line (over about 2 kB): text, bytea, json,
 * jsonb, xml, arrays, and character types without a limit or with one over {@value #SMALL_LIMIT} characters (a
 * heuristic: a shorter value is not moved out of line on its own). A keyless table under DEFAULT is left to K3.
 */
public final class ToastedValuePlaceholder extends AbstractRule {
    public static final RuleInfo INFO = new RuleInfo("toasted-value-placeholder", Severity.LOSES_DATA, "C5",
            "an UPDATE that leaves a large (TOASTed) value unchanged sends a placeholder instead of the value");

    public ToastedValuePlaceholder() {
        super(INFO);
    }

    @Override
    protected Optional<Finding> findings(CheckInput input) {
        return at(input.capturedTables().stream()
                .filter(t -> t.replicaIdentity() != SchemaModel.ReplicaIdentity.FULL && t.publishesUpdates())
                .flatMap(t -> {
                    List<SchemaModel.Column> large = Columns.captured(input.source(), t,
                            c -> canBeToasted(c) && !t.primaryKey().contains(c.name()));
                    return large.isEmpty() ? Stream.<Finding.Place>empty()
                            : Stream.of(Finding.place(t.qualifiedName(), t.qualifiedName()
                                    + " has replica identity " + t.replicaIdentity() + "; can be TOASTed: "
                                    + Columns.names(large), "ALTER TABLE " + t.qualifiedName() + " REPLICA IDENTITY FULL"));
                })
                .toList(), "PostgreSQL stores values over about 2 kB out of line and, under a replica identity other "
                + "than FULL, does not log them on an UPDATE that leaves them unchanged",
                "REPLICA IDENTITY FULL costs more WAL per update; or carry the last real value forward when "
                        + "materialising (Materializer.carryForwardUnavailable); a column whose values stay short can say "
                        + "so: varchar(" + SMALL_LIMIT + ").");
    }

    static boolean canBeToasted(SchemaModel.Column c) {
        if (c.isArray()) {
            return true;
        }
        String base = c.baseType();
        if (!LARGE.contains(base)) {
            return false;
        }
        Matcher limit = LIMIT.matcher(c.type());
        return !base.startsWith("character") || !limit.find() || Integer.parseInt(limit.group(1)) > SMALL_LIMIT;
    }

    static final int SMALL_LIMIT = 255;
    private static final Set<String> LARGE = Set.of("text", "bytea", "json", "jsonb", "xml", "character varying",
            "character");
    private static final Pattern LIMIT = Pattern.compile("\\((\\d+)\\)");
}
