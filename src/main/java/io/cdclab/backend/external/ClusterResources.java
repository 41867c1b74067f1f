package io.cdclab.backend.external;

import io.cdclab.connect.ConnectClient;
import io.cdclab.endpoints.SourceDatabase;
import io.cdclab.errors.LabException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The kinds of things a pipeline creates on a cluster: connectors, topics, consumer groups, replication slots,
 * publications.
 */
final class ClusterResources {
    private static final Duration GROUP_EMPTY = Duration.ofSeconds(30);
    private static final Duration SLOT_RELEASED = Duration.ofSeconds(30);

    private ClusterResources() {
    }

    static NamedResources connectors(ConnectClient connect) {
        return new NamedResources() {
            public String kind() {
                return "connector";
            }

            public Set<String> names() {
                return new HashSet<>(connect.connectors());
            }

            public void remove(String name) {
                connect.delete(name);
            }
        };
    }

    static NamedResources topics(String bootstrapServers) {
        return new NamedResources() {
            public String kind() {
                return "topic";
            }

            public Set<String> names() {
                return withAdmin(bootstrapServers, "list topics at " + bootstrapServers,
                        admin -> admin.listTopics().names().get(30, TimeUnit.SECONDS));
            }

            public void remove(String name) {
                withAdmin(bootstrapServers, "delete topic " + name,
                        admin -> admin.deleteTopics(List.of(name)).all().get(30, TimeUnit.SECONDS));
            }
        };
    }

    /**
     * Consumer groups: a sink's {@code connect-<sink>} and the Iceberg coordinator's {@code connect-<sink>-coord}.
     * A group can only be deleted once its members have left, which a just-deleted connector's consumers do within
     * moments: removal waits for that, bounded.
     */
    static NamedResources consumerGroups(String bootstrapServers) {
        return new NamedResources() {
            public String kind() {
                return "consumer group";
            }

            public Set<String> names() {
                return withAdmin(bootstrapServers, "list consumer groups at " + bootstrapServers, admin -> {
                    Set<String> names = new HashSet<>();
                    admin.listGroups().all().get(30, TimeUnit.SECONDS).forEach(g -> names.add(g.groupId()));
                    return names;
                });
            }

            public void remove(String name) {
                try (Admin admin = admin(bootstrapServers)) {
                    Awaitility.await("consumer group " + name + " empty and deleted").atMost(GROUP_EMPTY)
                            .pollInterval(Duration.ofMillis(500)).ignoreExceptionsMatching(ClusterResources::groupNotEmpty)
                            .until(() -> {
                                admin.deleteConsumerGroups(List.of(name)).all().get(30, TimeUnit.SECONDS);
                                return true;
                            });
                }
            }
        };
    }

    /** One bounded Kafka Admin call; {@code doing} says what it was, for the error. */
    private static <T> T withAdmin(String bootstrapServers, String doing, AdminCall<T> call) {
        try (Admin admin = admin(bootstrapServers)) {
            return call.on(admin);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new LabException("Cannot " + doing + ": " + e, e);
        }
    }

    private interface AdminCall<T> {
        T on(Admin admin) throws InterruptedException, ExecutionException, TimeoutException;
    }

    private static boolean groupNotEmpty(Throwable e) {
        return e instanceof ExecutionException && e.getCause() instanceof GroupNotEmptyException;
    }

    /**
     * Replication slots. A deleted source connector's walsender can hold its slot for a moment ("replication slot
     * ... is active for PID ..."): removal waits for it to let go, bounded.
     */
    static NamedResources replicationSlots(SourceDatabase db) {
        NamedResources slots = sql(db, "replication slot",
                "SELECT slot_name FROM pg_replication_slots WHERE database = current_database()",
                name -> "SELECT pg_drop_replication_slot('" + name.replace("'", "''") + "')");
        return new NamedResources() {
            public String kind() {
                return slots.kind();
            }

            public Set<String> names() {
                return slots.names();
            }

            public void remove(String name) {
                Awaitility.await("replication slot " + name + " released and dropped").atMost(SLOT_RELEASED)
                        .pollInterval(Duration.ofMillis(250))
                        .ignoreExceptionsMatching(e -> String.valueOf(e.getMessage()).contains("is active for PID"))
                        .until(() -> {
                            slots.remove(name);
                            return true;
                        });
            }
        };
    }

    static NamedResources publications(SourceDatabase db) {
        return sql(db, "publication", "SELECT pubname FROM pg_publication",
                name -> "DROP PUBLICATION IF EXISTS \"" + name.replace("\"", "\"\"") + "\"");
    }

    private static NamedResources sql(SourceDatabase db, String kind, String list,
                                      Function<String, String> drop) {
        return new NamedResources() {
            public String kind() {
                return kind;
            }

            public Set<String> names() {
                Set<String> names = new HashSet<>();
                db.query(list).forEach(row -> names.add(String.valueOf(row.values().iterator().next())));
                return names;
            }

            public void remove(String name) {
                db.execute(drop.apply(name));
            }
        };
    }

    private static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30000));
    }
}
