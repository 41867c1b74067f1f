package io.cdclab.faults.soak;

import io.cdclab.endpoints.SourceDatabase;
import io.cdclab.faults.ApplicationLoad;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A pgbench-style application load for the soak: several clients, each on its own thread and its own seeded
 * random stream, running short transactions over four tables.
 * <ul>
 *   <li>TPC-B-like (most transactions): add a delta to an account and to a teller, append a history row;</li>
 *   <li>orders: insert one, change the status of a recent one, or delete one.</li>
 * </ul>
 * {@code <prefix>_accounts}, {@code _tellers} and {@code _orders} are keyed; {@code <prefix>_history} has no key
 * (as pgbench's), is insert-only, and so can stay in the publication: PostgreSQL refuses only UPDATE and DELETE on a
 * keyless published table (K3). A transaction that fails (PostgreSQL down) is counted and skipped
 * ({@link ApplicationLoad}): PostgreSQL stays the truth the lake is compared with, so a commit whose outcome the client
 * never heard of does not matter.
 */
public final class SoakWorkload extends ApplicationLoad {
    static final int ACCOUNTS = 500;
    static final int TELLERS = 20;

    private final SourceDatabase database;
    private final String prefix;
    private final ConcurrentSkipListSet<Long> liveOrders = new ConcurrentSkipListSet<>();
    private final AtomicLong newestOrder = new AtomicLong();

    private SoakWorkload(SourceDatabase database, String prefix, int clientCount, Duration interval, long seed) {
        super("soak load on " + prefix + "_*", "cdc-lab-soak-client", clientCount);
        this.database = database;
        this.prefix = prefix;
        for (int c = 0; c < clientCount; c++) {
            Random random = new Random(seed * 31 + c); // one stream per client: the same seed, the same choices
            schedule(() -> transaction(random), c * 7L, interval);
        }
    }

    /** The source tables, with the accounts and tellers pgbench's initialisation would create. */
    public static List<String> createTables(SourceDatabase database, String prefix) {
        database.execute(
                "CREATE TABLE public." + prefix + "_accounts (aid int PRIMARY KEY, bid int NOT NULL, abalance bigint NOT NULL, filler text)",
                "CREATE TABLE public." + prefix + "_tellers (tid int PRIMARY KEY, bid int NOT NULL, tbalance bigint NOT NULL)",
                "CREATE TABLE public." + prefix + "_orders (id bigserial PRIMARY KEY, aid int NOT NULL, status text NOT NULL, "
                        + "amount numeric(12,2) NOT NULL)",
                "CREATE TABLE public." + prefix + "_history (tid int NOT NULL, aid int NOT NULL, delta int NOT NULL, "
                        + "mtime timestamptz NOT NULL DEFAULT now())",
                "INSERT INTO " + prefix + "_accounts SELECT g, 1 + g / 100, 0, repeat('x', 40) FROM generate_series(1, " + ACCOUNTS + ") g",
                "INSERT INTO " + prefix + "_tellers SELECT g, 1 + g / 10, 0 FROM generate_series(1, " + TELLERS + ") g");
        return Stream.concat(keyed(prefix).stream(), Stream.of(keyless(prefix))).toList();
    }

    /** The keyed tables and their key column. */
    public static List<String> keyed(String prefix) {
        return List.of("public." + prefix + "_accounts", "public." + prefix + "_tellers", "public." + prefix + "_orders");
    }

    /** The keyless, insert-only table (checked by count: without a key no row can be told from another). */
    public static String keyless(String prefix) {
        return "public." + prefix + "_history";
    }

    public static String keyColumn(String table) {
        return table.endsWith("_accounts") ? "aid" : table.endsWith("_tellers") ? "tid" : "id";
    }

    public static SoakWorkload start(SourceDatabase database, String prefix, int clients, Duration interval, long seed) {
        return new SoakWorkload(database, prefix, clients, interval, seed);
    }

    private void transaction(Random random) {
        int kind = random.nextInt(100);
        if (kind < 60) {
            int aid = 1 + random.nextInt(ACCOUNTS);
            int tid = 1 + random.nextInt(TELLERS);
            int delta = random.nextInt(10_001) - 5_000;
            database.executeInTransaction(
                    "UPDATE " + prefix + "_accounts SET abalance = abalance + " + delta + " WHERE aid = " + aid,
                    "UPDATE " + prefix + "_tellers SET tbalance = tbalance + " + delta + " WHERE tid = " + tid,
                    "INSERT INTO " + prefix + "_history (tid, aid, delta) VALUES (" + tid + ", " + aid + ", " + delta + ")");
        } else if (kind < 85 || liveOrders.isEmpty()) {
            insertOrder(random);
        } else {
            Long id = liveOrders.ceiling(random.nextLong(Math.max(1, newestOrder.get() + 1)));
            if (id == null) {
                insertOrder(random);
            } else if (kind < 95) {
                database.executeInTransaction("UPDATE " + prefix + "_orders SET status = '"
                        + (random.nextBoolean() ? "paid" : "shipped") + "' WHERE id = " + id);
            } else {
                database.executeInTransaction("DELETE FROM " + prefix + "_orders WHERE id = " + id);
                liveOrders.remove(id);
            }
        }
    }

    private void insertOrder(Random random) {
        var row = database.query("INSERT INTO " + prefix + "_orders (aid, status, amount) VALUES ("
                + (1 + random.nextInt(ACCOUNTS)) + ", 'new', " + (random.nextInt(100_000) / 100.0) + ") RETURNING id");
        long id = ((Number) row.get(0).get("id")).longValue();
        liveOrders.add(id);
        newestOrder.accumulateAndGet(id, Math::max);
    }

    /** The newest order id whose insert committed: ids grow with time, so a later one marks "written after". */
    public long newestOrder() {
        return newestOrder.get();
    }
}
