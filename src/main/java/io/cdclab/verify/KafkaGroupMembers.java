package io.cdclab.verify;

import io.cdclab.errors.LabException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A consumer group's members as the broker describes them, for {@link LakeInvariants#coordinator}. */
public final class KafkaGroupMembers implements LakeInvariants.GroupMembers {
    private static final long TIMEOUT_SECONDS = 30;
    private final String bootstrapServers;

    private KafkaGroupMembers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public static KafkaGroupMembers at(String bootstrapServers) {
        return new KafkaGroupMembers(bootstrapServers);
    }

    @Override
    public List<String> of(String group) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            return admin.describeConsumerGroups(List.of(group)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .get(group).members().stream().map(m -> m.clientId() + "@" + m.host()).toList();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return List.of();
            }
            throw new LabException("Could not describe consumer group " + group + " at " + bootstrapServers + ": "
                    + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new LabException("Kafka at " + bootstrapServers + " did not describe group " + group + " within "
                    + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("Interrupted while describing consumer group " + group, e);
        }
    }
}
