package io.cdclab.check;

import io.cdclab.connect.ConnectorFixture;
import io.cdclab.endpoints.SourceDatabase;
import io.cdclab.errors.LabException;
import io.cdclab.topology.RunningTopology;
import io.cdclab.util.Timer;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A team's pipeline checked against what the lab's scenarios found: static rules over its schema and connector
 * configs (no server, well under 2 s), and optionally the dynamic probe, which runs the pipeline on a topology and
 * reads the lake back. For a team's own test:
 *
 * <pre>{@code
 * PipelineCheck.of(Path.of("db/schema.sql"), Path.of("connect/source.json"), Path.of("connect/sink.json"),
 *         "shop.orders", "shop.order_lines").runStatic().assertPasses();
 * }</pre>
 */
public final class PipelineCheck {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z0-9_.-]+)}}");

    private final PipelineFiles files;
    private Supplier<SchemaModel> schema;
    private String schemaSource;
    private List<Rule> rules = StaticRules.all();
    private final List<String> accepted = new ArrayList<>();
    private CheckInput input;
    /** The JDBC catalog's live database, when the team names it: read by {@link CatalogDurability}. */
    private Optional<CatalogDatabase> catalogDatabase = Optional.empty();

    private record CatalogDatabase(String where, SqlConnector connector) {
    }

    @FunctionalInterface
    private interface SqlConnector {
        Connection connect() throws SQLException;
    }

    private PipelineCheck(PipelineFiles files) {
        this.files = files;
        Path sql = files.schemaSql().orElse(null);
        this.schema = sql == null ? () -> {
            throw new LabException("No schema to check against: give the schema SQL (--schema FILE) or a live "
                    + "database (--jdbc-url URL).");
        } : () -> SchemaSqlReader.read(sql);
        this.schemaSource = sql == null ? "no schema" : sql.toString();
    }

    public static PipelineCheck of(PipelineFiles files) {
        return new PipelineCheck(files);
    }

    /** The schema SQL, the two connector JSONs and the captured tables ({@code schema.table}). */
    public static PipelineCheck of(Path schemaSql, Path sourceJson, Path sinkJson, String... tables) {
        return new PipelineCheck(new PipelineFiles(Optional.of(schemaSql), ConnectorFixture.load(sourceJson),
                ConnectorFixture.load(sinkJson), List.of(tables), Map.of()));
    }

    /**
     * Reads the captured tables from a live database instead of a schema file (only reads its catalog). The user
     * and password come from the URL's parameters or from PGUSER / PGPASSWORD, never from the command line.
     */
    public PipelineCheck schemaFromDatabase(String jdbcUrl) {
        this.schema = () -> {
            try (Connection db = connect(jdbcUrl)) {
                return SchemaCatalogReader.withPublications(db, SchemaCatalogReader.read(db, tables()));
            } catch (SQLException e) {
                throw new LabException("Cannot read the schema from " + withoutSecrets(jdbcUrl) + ": " + e.getMessage()
                        + ". Check the URL (jdbc:postgresql://host:port/database), and give the user and password as "
                        + "PGUSER and PGPASSWORD.", e);
            }
        };
        this.schemaSource = withoutSecrets(jdbcUrl);
        this.input = null;
        return this;
    }

    /** Reads the captured tables from a database the caller holds, e.g. a {@code @CdcLab} test's {@code lab.source()}. */
    public PipelineCheck schemaFrom(SourceDatabase db) {
        this.schema = () -> {
            try (Connection connection = db.connect()) {
                return SchemaCatalogReader.withPublications(connection, SchemaCatalogReader.read(connection, tables()));
            } catch (SQLException e) {
                throw new LabException("Cannot read the schema from " + db.jdbcUrl() + ": " + e.getMessage(), e);
            }
        };
        this.schemaSource = db.jdbcUrl();
        this.input = null;
        return this;
    }

    /**
     * Also reads the settings of the JDBC catalog's live database (F11: does an acknowledged catalog commit survive
     * a crash?). User and password as for {@link #schemaFromDatabase}: the URL's parameters or PGUSER / PGPASSWORD.
     */
    public PipelineCheck catalogFromDatabase(String jdbcUrl) {
        this.catalogDatabase = Optional.of(new CatalogDatabase(withoutSecrets(jdbcUrl), () -> connect(jdbcUrl)));
        return this;
    }

    /** Reads the JDBC catalog's settings from a database the caller holds, as the catalog's user. */
    public PipelineCheck catalogFrom(SourceDatabase db) {
        this.catalogDatabase = Optional.of(new CatalogDatabase(db.jdbcUrl(), db::connect));
        return this;
    }

    /** Only these rules (e.g. one rule in a test); by default {@link StaticRules#all()}. */
    public PipelineCheck rules(List<Rule> only) {
        this.rules = List.copyOf(only);
        return this;
    }

    /**
     * Findings the team has judged and accepts: {@code rule-id} (everywhere) or {@code rule-id@where} (one table or
     * key, as the finding names it). They are still shown, but no longer fail the check.
     */
    public PipelineCheck accept(String... ruleAtWhere) {
        accepted.addAll(List.of(ruleAtWhere));
        return this;
    }

    /** The static rules: reads the files, starts nothing. */
    public CheckResult runStatic() {
        Timer timer = Timer.start();
        CheckInput input = input();
        List<Finding> findings = new ArrayList<>();
        rules.forEach(rule -> rule.check(input).ifPresent(findings::add));
        List<RuleInfo> rulesRun = new ArrayList<>(rules.stream().map(Rule::info).toList());
        catalogDatabase.ifPresent(catalog -> {
            rulesRun.add(CatalogDurability.INFO);
            catalogFinding(catalog).ifPresent(findings::add);
        });
        return result(rulesRun, findings, timer.elapsed(), Optional.empty());
    }

    private static Optional<Finding> catalogFinding(CatalogDatabase catalog) {
        try (Connection c = catalog.connector().connect()) {
            return CatalogDurability.check(c, "catalog " + catalog.where());
        } catch (SQLException e) {
            throw new LabException("Cannot read the catalog database's settings at " + catalog.where() + ": "
                    + e.getMessage() + ". Give the catalog's URL (jdbc:postgresql://host:port/database) and its user "
                    + "and password as PGUSER and PGPASSWORD or as the URL's user and password parameters.", e);
        }
    }

    /** The static rules, then the probe on {@code lab}: the team's pipeline started, written to and read back. */
    public CheckResult runWithProbe(RunningTopology lab) {
        return withProbe(runStatic(), lab);
    }

    /** The probe added to static rules that already ran ({@link #runStatic}), on the schema they read. */
    public CheckResult withProbe(CheckResult statics, RunningTopology lab) {
        ProbeOutcome probe = DynamicProbe.run(lab, files, input().schema());
        List<Finding> findings = new ArrayList<>(statics.findings());
        findings.addAll(probe.findings());
        findings.addAll(statics.accepted());
        List<RuleInfo> rulesRun = new ArrayList<>(statics.rulesRun());
        rulesRun.addAll(ProbeRules.all());
        return result(rulesRun, findings, statics.staticTook(), Optional.of(probe));
    }

    private CheckResult result(List<RuleInfo> rulesRun, List<Finding> all, Duration staticTook,
                               Optional<ProbeOutcome> probe) {
        for (String entry : accepted) {
            String id = entry.contains("@") ? entry.substring(0, entry.indexOf('@')) : entry;
            if (rulesRun.stream().noneMatch(r -> r.id().equals(id))) {
                throw new LabException("--accept " + entry + ": there is no rule " + id + ". Rules: "
                        + rulesRun.stream().map(RuleInfo::id).toList() + " (accept rule-id, or rule-id@where as a "
                        + "finding names its place, e.g. toasted-value-placeholder@shop.customers).");
            }
        }
        // One finding per rule; a rule accepted at some places only is split into its accepted and failing part.
        List<Finding> failing = new ArrayList<>();
        List<Finding> judged = new ArrayList<>();
        for (Finding f : FindingsByRule.group(all)) {
            f.only(p -> !isAccepted(f, p)).ifPresent(failing::add);
            f.only(p -> isAccepted(f, p)).ifPresent(judged::add);
        }
        return new CheckResult(inputs(), rulesRun, failing, judged, staticTook, probe);
    }

    private boolean isAccepted(Finding f, Finding.Place place) {
        return accepted.contains(f.ruleId()) || accepted.contains(f.ruleId() + "@" + place.where());
    }

    /** Read once: a live database's catalog is not asked again by the probe. */
    private CheckInput input() {
        if (input == null) {
            input = readInput();
        }
        return input;
    }

    private CheckInput readInput() {
        SchemaModel model = schema.get();
        List<String> tables = tables();
        List<String> missing = tables.stream().filter(t -> model.table(t).isEmpty()).toList();
        if (!missing.isEmpty()) {
            throw new LabException("The pipeline captures " + missing + ", which " + schemaSource + " does not create. "
                    + "Tables there: " + model.tables().stream().map(SchemaModel.Table::qualifiedName).toList()
                    + ". Fix the table names (schema.table) or the schema.");
        }
        return new CheckInput(model, connector(files.source()), connector(files.sink()), tables);
    }

    /** The captured tables: as given, else the source's literal {@code table.include.list}. */
    private List<String> tables() {
        List<String> given = files.tables();
        if (!given.isEmpty()) {
            return given.stream().map(t -> t.contains(".") ? t : "public." + t).toList();
        }
        String include = files.source().template().getOrDefault("table.include.list", "");
        if (include.isBlank() || include.contains("{{")) {
            throw new LabException("Which tables does the pipeline capture? Give them (--tables schema.table,...), or "
                    + "write them into " + files.source().source() + "'s table.include.list.");
        }
        return List.of(include.split("\\s*,\\s*"));
    }

    /** The config as the team wrote it, with its own placeholders filled and the lab's left as they are. */
    private CheckInput.Connector connector(ConnectorFixture fixture) {
        Map<String, String> config = new LinkedHashMap<>();
        fixture.template().forEach((key, value) -> config.put(key, fill(value)));
        return new CheckInput.Connector(fixture.source(), config);
    }

    private String fill(String value) {
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(files.values().getOrDefault(m.group(1), m.group())));
        }
        return m.appendTail(out).toString();
    }

    private List<String> inputs() {
        return List.of("schema " + schemaSource, "source " + files.source().source(), "sink " + files.sink().source(),
                "tables " + String.join(",", tables()));
    }

    private static Connection connect(String jdbcUrl) throws SQLException {
        Properties props = new Properties();
        Optional.ofNullable(System.getenv("PGUSER")).ifPresent(u -> props.setProperty("user", u));
        Optional.ofNullable(System.getenv("PGPASSWORD")).ifPresent(p -> props.setProperty("password", p));
        props.setProperty("readOnly", "true");
        return DriverManager.getConnection(jdbcUrl, props);
    }

    /** The URL without a password parameter: it goes into messages and the report. */
    static String withoutSecrets(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
