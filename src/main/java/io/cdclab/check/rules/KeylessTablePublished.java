package io.cdclab.check.rules;

import io.cdclab.check.AbstractRule;
import io.cdclab.check.CheckInput;
import io.cdclab.check.Finding;
import io.cdclab.check.RuleInfo;
import io.cdclab.check.SchemaModel;
import io.cdclab.check.Severity;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * K3: a captured table whose UPDATE and DELETE cannot be published (no primary key under replica identity DEFAULT,
 * or NOTHING), in a publication Debezium creates with updates and deletes: PostgreSQL refuses the application's
 * own UPDATE and DELETE on it. Only with pgoutput (publications); {@code disabled} or {@code no_tables} means the
 * team manages the publication, which a static check cannot see.
 */
public final class KeylessTablePublished extends AbstractRule {
    public static final RuleInfo INFO = new RuleInfo("keyless-table-published", Severity.BREAKS, "K3",
            "PostgreSQL refuses UPDATE and DELETE on a published table without a replica identity");

    public KeylessTablePublished() {
        super(INFO);
    }

    @Override
    protected Optional<Finding> findings(CheckInput input) {
        String mode = Configs.publicationMode(input.source());
        CheckInput.Connector source = input.source();
        String publication = Configs.file(source) + ": plugin.name = pgoutput, publication.autocreate.mode = " + mode
                + (source.get("publication.autocreate.mode") == null ? " (Debezium's default)" : "")
                + " (the publication publishes updates and deletes)";
        return at(input.capturedTables().stream().filter(t -> !t.publishesUpdates())
                .map(t -> Finding.place(t.qualifiedName(), t.qualifiedName() + " has "
                        + (t.primaryKey().isEmpty() ? "no primary key" : "primary key " + t.primaryKey())
                        + " and replica identity " + t.replicaIdentity() + keyColumnsNote(source, t), fix(t)))
                .toList(), publication, "an append-only table can instead go in an insert-only publication you create "
                + "(publish = 'insert'). Without a key, a fault can also append a row twice (at-least-once delivery, "
                + "S1): run the workers with exactly.once.source.support=enabled and consumer.isolation.level="
                + "read_committed and the source with exactly.once.support=required (S1 under exactly-once: no "
                + "duplicates).");
    }

    @Override
    protected boolean appliesTo(CheckInput input) {
        return Configs.plugin(input.source()).equals("pgoutput")
                && PUBLISHES_UPDATES.contains(Configs.publicationMode(input.source()));
    }

    private static String keyColumnsNote(CheckInput.Connector source, SchemaModel.Table t) {
        String keyColumns = source.get("message.key.columns");
        return keyColumns != null && keyColumns.toLowerCase(Locale.ROOT).contains(t.qualifiedName().toLowerCase(Locale.ROOT))
                ? "; message.key.columns gives its events a key but does not make PostgreSQL accept the writes (K5)" : "";
    }

    private static String fix(SchemaModel.Table t) {
        String table = t.qualifiedName();
        List<String> notNullUnique = t.uniqueKeys().stream()
                .filter(k -> k.stream().allMatch(c -> t.column(c).map(SchemaModel.Column::notNull).orElse(false)))
                .findFirst().orElse(List.of());
        String byIndex = notNullUnique.isEmpty()
                ? "REPLICA IDENTITY USING INDEX <a unique index on NOT NULL columns> (K6)"
                : "REPLICA IDENTITY USING INDEX <the unique index on (" + String.join(", ", notNullUnique) + ")> (K6)";
        return "ALTER TABLE " + table + " ADD PRIMARY KEY (<key columns>); or ALTER TABLE " + table
                + " REPLICA IDENTITY FULL (K4); or ALTER TABLE " + table + " " + byIndex;
    }

    private static final Set<String> PUBLISHES_UPDATES = Set.of("all_tables", "filtered");
}
