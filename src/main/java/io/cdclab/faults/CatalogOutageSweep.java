package io.cdclab.faults;

import io.cdclab.endpoints.CatalogSpec;
import io.cdclab.endpoints.SourceDatabase;
import io.cdclab.errors.LabException;
import io.cdclab.lake.CurrentState;
import io.cdclab.pipeline.Pipeline;
import io.cdclab.topology.RunningTopology;
import io.cdclab.util.Timer;
import io.cdclab.verify.Reconciler;
import io.cdclab.verify.Reconciliation;
import org.awaitility.Awaitility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * F11: an outage of the sink's catalog at swept moments around the sink's first table creation and first commit,
 * under a write load. Each try has a table of its own in one pipeline (one Kafka partition, so once a row written
 * after the recovery is in the lake, every earlier row is there or lost for good): the load starts, a
 * {@link CatalogRowWatch} sees the catalog create the table and acknowledge its commits, and the outage comes at the
 * try's moment. Afterwards the lake is compared with PostgreSQL, and the evidence of a loss is kept: the catalog row
 * acknowledged before the outage against the row after it, the WAL written and flushed at the kill, and where crash
 * recovery ended its redo. It measures and reports; the caller asserts.
 */
public final class CatalogOutageSweep {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogOutageSweep.class);
    private static final Duration TICK = Duration.ofMillis(100);
    private static final long MARKER_ID = 1_000_000_000L;

    /** Where in the table's first moments the outage comes. */
    public enum Moment {
        FIRST_ROW("after the first row is committed, before the sink creates the table"),
        CREATION("as the catalog shows the new table, its first commit still in flight"),
        FIRST_COMMIT("after the catalog acknowledged the table's first commit");

        private final String description;

        Moment(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** One planned outage: its moment and the delay after it. */
    public record Try(int index, Moment moment, Duration delay) {
        public String describe() {
            return moment + (delay.isZero() ? "" : " +" + delay.toMillis() + " ms");
        }
    }

    /** What one try did and what it left. */
    public record TryResult(Try planned, String table, Optional<Long> killAfterCreationMs,
                            Optional<Long> killAfterFirstCommitMs, Optional<String> acknowledged,
                            Optional<String> afterRecovery, String walInsertAtKill, String walFlushedAtKill,
                            Optional<String> redoDoneAt, int acknowledgedSourceRowsGone, int missing, int differing,
                            int extra, long events, long duplicateEvents, Duration recovery, int restarts,
                            List<String> sinkEvidence) {
        /** The catalog's row after recovery is older than what it had acknowledged, or gone. */
        public boolean catalogRolledBack() {
            return acknowledged.isPresent() && (afterRecovery.isEmpty()
                    || CatalogWatch.version(afterRecovery.get()) < CatalogWatch.version(acknowledged.get()));
        }

        /** Rows PostgreSQL holds that the lake lacks or holds stale. */
        public int rowsLost() {
            return missing + differing;
        }

        public String evidence() {
            return (catalogRolledBack() ? "catalog row rolled back: acknowledged " + shortName(acknowledged)
                    + ", after recovery " + afterRecovery.map(CatalogOutageSweep::fileName).orElse("no row") : "catalog row kept")
                    + ("-".equals(walInsertAtKill) ? "" : "; WAL at the kill: inserted " + walInsertAtKill + ", flushed "
                    + walFlushedAtKill)
                    + redoDoneAt.map(r -> "; crash recovery: redo done at " + r).orElse("");
        }

        private static String shortName(Optional<String> location) {
            return location.map(CatalogOutageSweep::fileName).orElse("none");
        }
    }

    /** Every try of one sweep. */
    public record Result(String label, String outage, List<TryResult> tries) {
        /** This sweep's tries followed by {@code more}'s, as one sweep. */
        public Result and(Result more) {
            List<TryResult> all = new ArrayList<>(tries);
            all.addAll(more.tries());
            return new Result(label, outage, List.copyOf(all));
        }

        public List<TryResult> lossy() {
            return tries.stream().filter(t -> t.rowsLost() > 0).toList();
        }

        public long rolledBack() {
            return tries.stream().filter(TryResult::catalogRolledBack).count();
        }

        public int acknowledgedSourceRowsGone() {
            return tries.stream().mapToInt(TryResult::acknowledgedSourceRowsGone).sum();
        }

        public String summary() {
            return label + " (" + outage + "): " + lossy().size() + " of " + tries.size() + " tries lost rows ("
                    + lossy().stream().mapToInt(TryResult::rowsLost).sum() + " rows); catalog rolled back in "
                    + rolledBack() + "; acknowledged source rows gone from PostgreSQL: " + acknowledgedSourceRowsGone();
        }
    }

    private final RunningTopology lab;
    private final String pipelineId;
    private final List<Try> tries;
    private String label = "F11";
    private String outageName = "PostgreSQL kill -9 (it holds the JDBC catalog), started again";
    private Runnable outage;
    private final Duration timeout = Duration.ofSeconds(120);
    private WatchFactory watches;
    /** Whether the outage is PostgreSQL's crash, so that its WAL positions are evidence. */
    private boolean walEvidence = true;

    /** Starts the watch of one table the sink is about to create: {@code namespace.table} in the catalog. */
    @FunctionalInterface
    public interface WatchFactory {
        CatalogWatch start(String namespace, String table);
    }

    private CatalogOutageSweep(RunningTopology lab, String pipelineId, List<Try> tries) {
        this.lab = lab;
        this.pipelineId = pipelineId;
        this.tries = tries;
        this.outage = () -> {
            lab.service("postgres").kill();
            lab.service("postgres").start();
        };
        this.watches = (namespace, table) -> CatalogRowWatch.start(catalogDatabase(lab.catalog()),
                lab.catalog().name(), namespace, table, Duration.ofMillis(5));
    }

    public static CatalogOutageSweep on(RunningTopology lab, String pipelineId, List<Try> tries) {
        return new CatalogOutageSweep(lab, pipelineId, tries);
    }

    /**
     * {@code count} tries from {@code seed}: one in eight before the table exists, one in eight as it appears, the
     * rest after its first commit, half of those at once and the others up to a second later.
     */
    public static List<Try> plan(int count, long seed) {
        Random random = new Random(seed);
        List<Try> planned = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int slot = i % 8;
            Moment moment = slot == 0 ? Moment.FIRST_ROW : slot == 1 ? Moment.CREATION : Moment.FIRST_COMMIT;
            Duration delay = moment == Moment.FIRST_COMMIT && slot % 2 == 1
                    ? Duration.ofMillis(random.nextInt(1000)) : Duration.ZERO;
            planned.add(new Try(i, moment, delay));
        }
        return List.copyOf(planned);
    }

    /** {@code count} tries, each at the moment the catalog acknowledges the table's first commit. */
    public static List<Try> atFirstCommit(int count) {
        List<Try> planned = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            planned.add(new Try(i, Moment.FIRST_COMMIT, Duration.ZERO));
        }
        return List.copyOf(planned);
    }

    public CatalogOutageSweep label(String label) {
        this.label = label;
        return this;
    }

    /** Another outage than a PostgreSQL kill (e.g. the Glue service refusing). */
    public CatalogOutageSweep outage(String name, Runnable outage) {
        this.outageName = name;
        this.outage = outage;
        this.walEvidence = false;
        return this;
    }

    /** How to watch the sink's tables appear and commit (default: the JDBC catalog's rows). */
    public CatalogOutageSweep watch(WatchFactory watches) {
        this.watches = watches;
        return this;
    }

    public Result run() {
        List<String> tables = tries.stream().map(t -> "public." + pipelineId + "_t" + t.index()).toList();
        tables.forEach(t -> WriteLoad.createTable(lab.source(), t));
        Pipeline pipeline = lab.pipeline(pipelineId).tables(tables.toArray(String[]::new)).start();
        // The lab's reader opens its catalog before the first outage (see SoakRun): only the pipeline meets it cold.
        lab.lake().rows("SHOW NAMESPACES IN " + lab.lake().catalog());
        List<TryResult> results = new ArrayList<>();
        try {
            for (int i = 0; i < tries.size(); i++) {
                Timer timer = Timer.start();
                TryResult r = runTry(pipeline, tries.get(i), tables.get(i));
                LOG.info("{} try {} ({}): {} rows lost, {}; in {}", label, i, tries.get(i).describe(), r.rowsLost(),
                        r.evidence(), timer.seconds());
                results.add(r);
            }
        } finally {
            pipeline.delete();
        }
        return new Result(label, outageName, List.copyOf(results));
    }

    private TryResult runTry(Pipeline pipeline, Try planned, String table) {
        String lakeTable = pipeline.icebergTable(table);
        String name = table.substring(table.indexOf('.') + 1);
        List<String> connectors = List.of(pipeline.source().name(), pipeline.sink().name());
        LogTail postgresLog = LogTail.of(lab, "postgres.log");
        LogTail connectLog = LogTail.of(lab, "connect");
        try (CatalogWatch watch = watches.start(pipeline.prefix(), name);
             WriteLoad load = WriteLoad.start(lab.source(), table, TICK)) {
            awaitMoment(planned, watch, load);
            if (!planned.delay().isZero()) {
                Awaitility.await("the try's delay").pollDelay(planned.delay()).atMost(planned.delay().plusSeconds(1))
                        .until(() -> true);
            }
            // Where PostgreSQL's WAL stands: inserted beyond flushed is what a crash now would lose.
            Map<String, Object> wal = walEvidence ? lab.source().query("SELECT pg_current_wal_insert_lsn()::text AS "
                    + "inserted, pg_current_wal_flush_lsn()::text AS flushed").get(0) : Map.of();
            Optional<CatalogWatch.Seen> acknowledged = watch.latest();
            long killedAt = System.currentTimeMillis();
            postgresLog.mark();
            connectLog.mark();
            Timer recovery = Timer.start();
            outage.run();
            // Read at once, before a restarted sink can commit again: what crash recovery left of the row.
            Optional<String> afterRecovery = watch.readNow();
            long writtenAfter = load.awaitCommitted((int) load.committedTransactions() + 10, timeout);
            FailedTaskRestarter.Outcome restarted = FailedTaskRestarter.awaitDelivered(lab.connect(), connectors,
                    lab.lake(), lakeTable, writtenAfter, timeout);
            Duration recovered = recovery.elapsed();
            load.stop();
            // A last row after everything else: once it is in the lake (one partition), nothing earlier is coming.
            lab.source().execute("INSERT INTO " + table + " VALUES (" + MARKER_ID + ", 0, 'marker')");
            FailedTaskRestarter.awaitDelivered(lab.connect(), connectors, lab.lake(), lakeTable, MARKER_ID, timeout);

            List<Map<String, Object>> source = lab.source().query("SELECT id, version, note FROM " + table);
            Set<Long> sourceIds = new HashSet<>();
            source.forEach(r -> sourceIds.add(((Number) r.get("id")).longValue()));
            int gone = (int) load.idsThatMustExist().stream().filter(id -> !sourceIds.contains(id)).count();
            List<String> key = List.of("id");
            Reconciliation state = Reconciler.compare(source, CurrentState.rows(lab.lake(), lakeTable, key), key);
            ChangelogAudit audit = ChangelogAudit.of(lab.lake(), lakeTable, List.copyOf(sourceIds));
            return new TryResult(planned, table,
                    watch.creation().map(c -> killedAt - c.atMillis()),
                    watch.firstCommit().filter(c -> c.atMillis() <= killedAt).map(c -> killedAt - c.atMillis()),
                    acknowledged.filter(a -> a.atMillis() <= killedAt).map(CatalogWatch.Seen::location),
                    afterRecovery, String.valueOf(wal.getOrDefault("inserted", "-")),
                    String.valueOf(wal.getOrDefault("flushed", "-")),
                    postgresLog.newLines().stream().map(CatalogOutageSweep::redoDone).flatMap(Optional::stream)
                            .reduce((a, b) -> b),
                    gone, state.missing().size(), state.differing().size(), state.extra().size(), audit.events(),
                    audit.duplicateEvents(), recovered, restarted.restarts(),
                    connectLog.newLines().stream().filter(CatalogOutageSweep::isLossSign)
                            .filter(l -> l.contains(name) || l.contains("table mismatch")).map(CatalogOutageSweep::trimmed).distinct()
                            .limit(5).toList());
        }
    }

    private void awaitMoment(Try planned, CatalogWatch watch, WriteLoad load) {
        BooleanSupplier reached = switch (planned.moment()) {
            case FIRST_ROW -> () -> load.committedTransactions() >= 1;
            case CREATION -> () -> watch.creation().isPresent();
            case FIRST_COMMIT -> () -> watch.firstCommit().isPresent();
        };
        Awaitility.await(label + " try " + planned.index() + ": " + planned.moment().description())
                .atMost(timeout).pollInterval(Duration.ofMillis(2)).until(reached::getAsBoolean);
    }

    /** The catalog's database as the catalog's own user reaches it, from its JDBC URI. */
    public static SourceDatabase catalogDatabase(CatalogSpec catalog) {
        String uri = catalog.properties().get("uri");
        if (uri == null || !uri.startsWith("jdbc:postgresql://")) {
            throw new LabException("F11's catalog watch needs a JDBC catalog on PostgreSQL; this catalog is "
                    + catalog.summary());
        }
        String rest = uri.substring("jdbc:postgresql://".length());
        int slash = rest.indexOf('/');
        String hostPort = rest.substring(0, slash);
        String database = rest.substring(slash + 1).replaceAll("\\?.*$", "");
        int colon = hostPort.lastIndexOf(':');
        return new SourceDatabase(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)),
                database, catalog.properties().get("jdbc.user"), catalog.secretProperties().get("jdbc.password").value());
    }

    static Optional<String> redoDone(String logLine) {
        int at = logLine.indexOf("redo done at ");
        if (at < 0) {
            return Optional.empty();
        }
        String rest = logLine.substring(at + "redo done at ".length()).trim();
        int space = rest.indexOf(' ');
        return Optional.of(space < 0 ? rest : rest.substring(0, space));
    }

    private static boolean isLossSign(String line) {
        return line.contains("target table mismatch") || line.contains("Failed to get table")
                || line.contains("Skipping commit") || line.contains("Created table");
    }

    private static String trimmed(String line) {
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    static String fileName(String location) {
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
