package io.cdclab.topology;

import io.cdclab.endpoints.AwsCredentials;

import java.util.Map;

/**
 * What every backend's fault controls do alike: the AWS variables a restarted worker gets are the credentials plus
 * the topology's region. How keys rotate, how a worker restarts and where its secret files go is each backend's own.
 */
public abstract class AbstractFaults implements Faults {
    private final String region;

    protected AbstractFaults(String region) {
        this.region = region;
    }

    @Override
    public final Map<String, String> awsEnvironment(AwsCredentials credentials) {
        return credentials.environment(region);
    }
}
