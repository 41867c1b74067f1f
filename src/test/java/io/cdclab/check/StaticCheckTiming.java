package io.cdclab.check;

import io.cdclab.connect.ConnectorFixture;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * How long the static half of {@code check} takes in a fresh JVM, JSqlParser's first use included (goal: under
 * 2 s): the team project's schema and both its configs, every rule. Run from the checkout:
 * {@code java -cp target/classes:target/test-classes:<jsqlparser and jackson jars> io.cdclab.check.StaticCheckTiming}.
 */
public final class StaticCheckTiming {
    private StaticCheckTiming() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        Path project = Path.of("examples/team-project");
        SchemaModel schema = SchemaSqlReader.read(project.resolve("db/schema.sql"));
        long schemaRead = System.nanoTime();
        ConnectorFixture source = ConnectorFixture.load(project.resolve("connect/shop-source.json"));
        ConnectorFixture sink = ConnectorFixture.load(project.resolve("connect/shop-sink.json"));
        long configsRead = System.nanoTime();
        CheckInput input = new CheckInput(schema, new CheckInput.Connector(source.source(), source.template()),
                new CheckInput.Connector(sink.source(), sink.template()),
                List.of("shop.customers", "shop.orders", "shop.order_lines", "shop.page_views"));
        long findings = StaticRules.all().stream().mapToLong(r -> r.check(input).isPresent() ? 1 : 0).sum();
        long end = System.nanoTime();
        System.out.printf(Locale.ROOT, "static check: %d rules, %d findings, %.3f s in all: schema %.3f s "
                        + "(JSqlParser's first use), configs %.3f s, rules %.3f s%n", StaticRules.all().size(), findings,
                (end - start) / 1e9, (schemaRead - start) / 1e9, (configsRead - schemaRead) / 1e9, (end - configsRead) / 1e9);
    }
}
