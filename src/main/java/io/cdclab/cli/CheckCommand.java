package io.cdclab.cli;

import io.cdclab.check.CheckConsole;
import io.cdclab.check.CheckFiles;
import io.cdclab.check.CheckResult;
import io.cdclab.check.PipelineCheck;
import io.cdclab.check.PipelineFiles;
import io.cdclab.connect.ConnectorFixture;
import io.cdclab.errors.LabException;
import io.cdclab.settings.LabSettings;
import io.cdclab.topology.RunningTopology;
import io.cdclab.topology.Topology;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --check}: a team's pipeline checked against the lab's findings. {@code --schema FILE} (or
 * {@code --jdbc-url URL}, read only), {@code --catalog-jdbc-url URL} (the JDBC catalog's database, its settings
 * read), {@code --source FILE}, {@code --sink FILE}, {@code --tables a,b} (or the
 * source's own table.include.list), {@code --set name=value}; {@code --no-probe} runs the static rules only,
 * {@code --strict} fails on "degrades" too, {@code --json FILE} writes the JSON there, {@code --accept rule[@where]}
 * (repeatable) keeps a judged finding from failing the check. Exit code: 0 passed, 1 a
 * finding that fails the check, 2 bad input.
 */
record CheckCommand(PipelineFiles files, Optional<String> jdbcUrl, Optional<String> catalogJdbcUrl, boolean probe, boolean strict, Path json,
                    List<String> accepted) {
    private static final List<String> VALUED = List.of("--schema", "--jdbc-url", "--catalog-jdbc-url", "--source", "--sink", "--tables",
            "--set", "--json", "--id", "--accept");

    static CheckCommand from(List<String> args) {
        Map<String, String> given = new LinkedHashMap<>();
        Map<String, String> values = new LinkedHashMap<>();
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!VALUED.contains(arg)) {
                if (arg.startsWith("--") && !List.of("--check", "--no-probe", "--strict").contains(arg)) {
                    throw new LabException(arg + " is not an option of --check. Options: --schema FILE | --jdbc-url URL, "
                            + "--source FILE, --sink FILE, [--tables a,b], [--set name=value]..., [--catalog-jdbc-url URL], [--no-probe], "
                            + "[--strict], [--json FILE], [--accept rule[@where]]....");
                }
                continue;
            }
            if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                throw new LabException(arg + " needs a value, e.g. " + TeamPipeline.example(arg) + ".");
            }
            String value = args.get(++i);
            if (arg.equals("--set")) {
                int eq = value.indexOf('=');
                if (eq <= 0) {
                    throw new LabException("--set " + value + " is not name=value, e.g. --set tenant=acme.");
                }
                values.put(value.substring(0, eq), value.substring(eq + 1));
            } else if (arg.equals("--accept")) {
                accepted.add(value);
            } else {
                given.put(arg, value);
            }
        }
        if (given.containsKey("--schema") == given.containsKey("--jdbc-url")) {
            throw new LabException("--check needs the schema: either --schema FILE (the SQL that creates your tables) "
                    + "or --jdbc-url jdbc:postgresql://host:5432/db (a live database, only read; user and password "
                    + "from PGUSER and PGPASSWORD), not both.");
        }
        for (String required : List.of("--source", "--sink")) {
            if (!given.containsKey(required)) {
                throw new LabException("--check needs " + required + " " + TeamPipeline.example(required).split(" ")[1]
                        + " (your connector's JSON, the body you POST to Connect).");
            }
        }
        Optional<Path> schema = Optional.ofNullable(given.get("--schema"))
                .map(f -> TeamPipeline.existing("--schema", f, "the SQL that creates your tables"));
        ConnectorFixture source = ConnectorFixture.load(TeamPipeline.existing("--source", given.get("--source"),
                "your Debezium connector's JSON"));
        ConnectorFixture sink = ConnectorFixture.load(TeamPipeline.existing("--sink", given.get("--sink"),
                "your Iceberg sink connector's JSON"));
        if (!args.contains("--no-probe")) {
            TeamPipeline.requireFilled(List.of(source, sink), values);   // the probe starts them: refuse before that
        }
        List<String> tables = new ArrayList<>();
        if (given.containsKey("--tables")) {
            for (String t : given.get("--tables").split(",")) {
                tables.add(t.trim());
            }
        }
        Path json = given.containsKey("--json") ? TeamPipeline.invocationDir().resolve(given.get("--json"))
                : CheckFiles.defaultJson();
        return new CheckCommand(new PipelineFiles(schema, source, sink, tables, values),
                Optional.ofNullable(given.get("--jdbc-url")), Optional.ofNullable(given.get("--catalog-jdbc-url")),
                !args.contains("--no-probe"), args.contains("--strict"),
                json, List.copyOf(accepted));
    }

    /** Runs the check, prints the summary and the files written; returns the exit code. */
    int run(PrintStream out, LabSettings settings) {
        PipelineCheck check = PipelineCheck.of(files).accept(accepted.toArray(String[]::new));
        jdbcUrl.ifPresent(check::schemaFromDatabase);
        catalogJdbcUrl.ifPresent(check::catalogFromDatabase);
        CheckResult result = check.runStatic();
        if (probe) {
            out.println("cdc-lab check: static rules done in " + String.format(Locale.ROOT, "%.2f s",
                    result.staticTook().toMillis() / 1000.0) + " (" + result.findings().size()
                    + " finding(s)); starting the embedded topology for the probe");
            try (RunningTopology lab = Topology.builder().labSettings(settings).build().start()) {
                result = check.withProbe(result, lab);   // the static rules ran above: not again
            }
        }
        Path page = CheckFiles.write(result, strict, json);
        out.print(CheckConsole.summary(result));
        out.println("report: " + page.toAbsolutePath());
        out.println("json:   " + json.toAbsolutePath());
        return result.exitCode(strict);
    }
}
