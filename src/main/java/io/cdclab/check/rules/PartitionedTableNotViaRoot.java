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

/**
 * K7: a partitioned table captured by its parent's name, while the publication does not publish via the partition
 * root. PostgreSQL then publishes each change under the partition's own name, which {@code table.include.list} does
 * not name: Debezium drops every streamed change, silently, after a snapshot that carried all rows.
 *
 * <p>What the check can see of the publication: with {@code publication.autocreate.mode} {@code filtered} or
 * {@code all_tables}, Debezium creates it (with {@code publish_via_partition_root = true} only when
 * {@code publish.via.partition.root=true}) unless the schema already creates one of that name, which Debezium
 * then uses as it is; with {@code disabled}, it is the team's own, and only a {@code CREATE PUBLICATION} (or
 * {@code ALTER PUBLICATION ... SET}) in the schema SQL shows what it does. A publication the check cannot see is
 * reported too, saying so: the loss is silent, so the rule asks rather than assumes.
 */
public final class PartitionedTableNotViaRoot extends AbstractRule {
    public static final RuleInfo INFO = new RuleInfo("partitioned-table-not-via-root", Severity.LOSES_DATA, "K7",
            "a partitioned table captured by its parent's name loses every change after the snapshot: PostgreSQL "
                    + "publishes them under the partitions' names unless the publication has publish_via_partition_root");

    public PartitionedTableNotViaRoot() {
        super(INFO);
    }

    @Override
    protected Optional<Finding> findings(CheckInput input) {
        List<SchemaModel.PartitionedTable> captured = input.capturedTables().stream()
                .map(t -> input.schema().partitioning(t.qualifiedName())).flatMap(Optional::stream).toList();
        if (captured.isEmpty()) {
            return Optional.empty();
        }
        CheckInput.Connector source = input.source();
        String plugin = Configs.plugin(source);
        String mode = Configs.publicationMode(source);
        String name = source.getOrDefault("publication.name", "dbz_publication").strip();
        boolean nameKnown = !Configs.isLabPlaceholder(name);
        Optional<SchemaModel.Publication> inSchema = nameKnown ? input.schema().publication(name) : Optional.empty();
        boolean debeziumSwitch = "true".equalsIgnoreCase(source.getOrDefault("publish.via.partition.root", "false").strip());
        String file = Configs.file(source);
        String evidence;
        if (!plugin.equals("pgoutput")) {
            evidence = file + ": plugin.name = " + plugin + (source.get("plugin.name") == null ? " (Debezium's default)" : "")
                    + ": without a publication, changes are decoded under each partition's own name";
        } else if (inSchema.isPresent()) {
            if (inSchema.get().viaPartitionRoot()) {
                return Optional.empty();
            }
            evidence = "the schema creates publication " + name + " without publish_via_partition_root = true, and "
                    + file + " (publication.name = " + name + ", publication.autocreate.mode = " + mode + ") uses it as it is";
        } else if (AUTOCREATED.contains(mode)) {
            if (debeziumSwitch) {
                return Optional.empty();
            }
            evidence = file + ": publication.autocreate.mode = " + mode
                    + (source.get("publication.autocreate.mode") == null ? " (Debezium's default)" : "")
                    + " and no publish.via.partition.root = true: Debezium creates its publication without "
                    + "publish_via_partition_root";
        } else {
            evidence = file + ": publication.autocreate.mode = " + mode + ", and the schema SQL does not create "
                    + (nameKnown ? "publication " + name : "the publication") + ", so the check cannot see whether it "
                    + "publishes via the partition root";
        }
        String publication = nameKnown ? name : "<publication.name>";
        return at(captured.stream().map(p -> Finding.place(p.qualifiedName(), p.qualifiedName()
                        + " is partitioned (" + p.key() + ")" + partitions(p) + " and captured by its parent's name", ""))
                .toList(), evidence + ". PostgreSQL then publishes every insert, update and delete under the partition's "
                + "name, which table.include.list does not name, and Debezium drops them without an error: the snapshot "
                + "arrives, nothing after it (K7: 20 snapshot rows arrived, all 50 later changes were lost)", fix(captured, publication,
                plugin));
    }

    private static String partitions(SchemaModel.PartitionedTable p) {
        if (p.partitions().isEmpty()) {
            return "";
        }
        List<String> names = p.partitions().stream().map(SchemaModel.Partition::name).toList();
        return " with partition" + (names.size() == 1 ? " " : "s ") + String.join(", ", names.size() > 4
                ? List.of(names.get(0), names.get(1), "... (" + names.size() + ")") : names);
    }

    private static String fix(List<SchemaModel.PartitionedTable> captured, String publication, String plugin) {
        String parents = String.join(", ", captured.stream().map(SchemaModel.PartitionedTable::qualifiedName).toList());
        return (plugin.equals("pgoutput") ? "" : "Set plugin.name=pgoutput, then: ")
                + "create the publication yourself, CREATE PUBLICATION " + publication + " FOR TABLE " + parents
                + ", <the other captured tables> WITH (publish_via_partition_root = true), and set publication.name="
                + publication + " and publication.autocreate.mode=disabled on the source; or set "
                + "publish.via.partition.root=true there before Debezium first creates its publication (it does not "
                + "change an existing one: ALTER PUBLICATION " + publication + " SET (publish_via_partition_root = true)). "
                + "Keep the parent, not its partitions, in table.include.list. The sink needs nothing special: every "
                + "change then comes on the parent's topic, routed like any other table's.";
    }

    private static final Set<String> AUTOCREATED = Set.of("all_tables", "filtered");
}
