package io.cdclab.gluelake;

import io.cdclab.endpoints.AwsCredentials;
import io.cdclab.endpoints.Secret;
import io.cdclab.errors.LabException;
import io.cdclab.util.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An AWS account on the emulator, set up the way a platform team sets up the seed's: an admin user (the lab's own
 * identity: set-up, Spark, clean-up), the lake bucket, and a role for the Iceberg sink holding {@link SinkPolicy}
 * whose STS sessions the Connect worker gets. Auth is enforced from the fourth request on: the admin user is made
 * unsigned, everything after it is signed and checked against IAM policies.
 */
public final class EmulatedAccount {
    private static final Logger LOG = LoggerFactory.getLogger(EmulatedAccount.class);
    public static final String ADMIN_USER = "cdc-lab-admin";
    public static final String SINK_ROLE = "cdc-lab-sink";
    public static final String SINK_POLICY = "cdc-lab-sink-access";
    /** The name the IAM console gives the policy of "Revoke active sessions". */
    public static final String REVOKE_POLICY = "AWSRevokeOlderSessions";
    /**
     * CreateUser, PutUserPolicy and CreateAccessKey of the lab's admin user: the requests an emulator must let
     * through unsigned (moto's INITIAL_NO_AUTH_ACTION_COUNT) before it enforces auth.
     */
    public static final int UNSIGNED_SET_UP_REQUESTS = 3;
    private static final int SESSION_SECONDS = 3600;

    private final AwsApis admin;
    private final AwsCredentials adminCredentials;
    private final AwsSettings settings;
    private final String roleArn;
    private volatile SinkPolicy policy;
    private int sessions;

    private EmulatedAccount(AwsApis admin, AwsCredentials adminCredentials, AwsSettings settings, String roleArn,
                            SinkPolicy policy) {
        this.admin = admin;
        this.adminCredentials = adminCredentials;
        this.settings = settings;
        this.roleArn = roleArn;
        this.policy = policy;
    }

    /** Creates the admin user, the bucket and the sink's role on a freshly started moto_server. */
    public static EmulatedAccount provision(MotoServer moto, AwsSettings settings, SinkPolicy policy) {
        return provision(moto.endpoint(), settings, policy);
    }

    /**
     * The same on any freshly started emulator the lab's JVM reaches at {@code endpoint} (e.g. the moto
     * container's host port), which must not have answered an AWS request yet.
     */
    public static EmulatedAccount provision(URI endpoint, AwsSettings settings, SinkPolicy policy) {
        Timer timer = Timer.start();
        AwsCredentials adminCredentials = createAdmin(endpoint, settings.region());
        AwsApis admin = new AwsApis(Optional.of(endpoint), settings.region(), StaticCredentialsProvider.create(
                AwsBasicCredentials.create(adminCredentials.accessKeyId(), adminCredentials.secretAccessKey().reveal())));
        try (var s3 = admin.s3(); IamClient iam = admin.iam(); var dynamo = admin.dynamo()) {
            s3.createBucket(b -> b.bucket(settings.bucket()));
            EmulatorCommitLock.createTable(dynamo);
            String adminArn = iam.getUser(u -> u.userName(ADMIN_USER)).user().arn();
            String roleArn = iam.createRole(r -> r.roleName(SINK_ROLE)
                    .description("The Iceberg sink on the Connect worker (cdc-lab)")
                    .assumeRolePolicyDocument(SinkPolicy.json(Map.of("Version", "2012-10-17", "Statement", List.of(
                            Map.of("Effect", "Allow", "Principal", Map.of("AWS", List.of(adminArn)),
                                    "Action", "sts:AssumeRole")))))).role().arn();
            EmulatedAccount account = new EmulatedAccount(admin, adminCredentials, settings, roleArn, policy);
            account.putSinkPolicy(policy);
            iam.putRolePolicy(p -> p.roleName(SINK_ROLE).policyName(EmulatorCommitLock.ROLE_POLICY)
                    .policyDocument(EmulatorCommitLock.roleDocument()));
            LOG.info("aws: emulated account ready in {}: bucket {}, role {} with {} actions", timer.seconds(),
                    settings.bucket(), roleArn, policy.actions().size());
            return account;
        }
    }

    /** The {@link #UNSIGNED_SET_UP_REQUESTS} unsigned requests the emulator lets through before it enforces auth. */
    private static AwsCredentials createAdmin(URI endpoint, String region) {
        AwsApis unsigned = new AwsApis(Optional.of(endpoint), region,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("cdclabbootstrap", "cdclabbootstrap")));
        try (IamClient iam = unsigned.iam()) {
            iam.createUser(u -> u.userName(ADMIN_USER));
            iam.putUserPolicy(p -> p.userName(ADMIN_USER).policyName("everything").policyDocument(SinkPolicy.json(
                    Map.of("Version", "2012-10-17", "Statement", List.of(
                            Map.of("Effect", "Allow", "Action", "*", "Resource", "*"))))));
            var key = iam.createAccessKey(k -> k.userName(ADMIN_USER)).accessKey();
            return new AwsCredentials(key.accessKeyId(), Secret.of(key.secretAccessKey()), Optional.empty());
        }
    }

    public AwsApis admin() {
        return admin;
    }

    public AwsCredentials adminCredentials() {
        return adminCredentials;
    }

    public String sinkRoleArn() {
        return roleArn;
    }

    /** The sink's role and its policy, for a topology's endpoints. */
    public String sinkRoleSummary() {
        return roleArn + " (policy " + SINK_POLICY + ")";
    }

    public SinkPolicy sinkPolicy() {
        return policy;
    }

    /** Replaces the sink role's policy (G4): sessions already issued see the change at once, as on AWS. */
    public void putSinkPolicy(SinkPolicy next) {
        try (IamClient iam = admin.iam()) {
            iam.putRolePolicy(p -> p.roleName(SINK_ROLE).policyName(SINK_POLICY)
                    .policyDocument(next.document(settings.bucket(), settings.prefix())));
        }
        this.policy = next;
    }

    /** A new STS session of the sink's role, as {@code aws sts assume-role} gives an operator. */
    public synchronized AwsCredentials issueSinkSession() {
        int n = ++sessions;
        try (StsClient sts = admin.sts()) {
            Credentials c = sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("cdc-lab-sink-" + n)
                    .durationSeconds(SESSION_SECONDS)).credentials();
            return new AwsCredentials(c.accessKeyId(), Secret.of(c.secretAccessKey()),
                    Optional.of(Secret.of(c.sessionToken())));
        }
    }

    /**
     * Revokes the sink role's sessions the way the IAM console's "Revoke active sessions" does: an inline policy
     * denying everything to sessions issued before now ({@code aws:TokenIssueTime}). Real AWS keeps honouring
     * sessions issued later. moto evaluates no conditions, so there the policy denies every session of the role
     * until {@link #freshSessionAfterRevocation()} lifts it.
     */
    public Instant revokeSinkSessions() {
        Instant now = Instant.now();
        String deny = SinkPolicy.json(Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                "Effect", "Deny", "Action", "*", "Resource", "*",
                "Condition", Map.of("DateLessThan", Map.of("aws:TokenIssueTime", now.toString()))))));
        try (IamClient iam = admin.iam()) {
            iam.putRolePolicy(p -> p.roleName(SINK_ROLE).policyName(REVOKE_POLICY).policyDocument(deny));
        }
        LOG.info("aws: sessions of {} issued before {} revoked", roleArn, now);
        return now;
    }

    /**
     * A session issued after a revocation. On real AWS that is just a new session; the emulator cannot tell it
     * from the revoked ones (no condition evaluation), so the revocation policy is lifted first. The revoked
     * session is no longer in use by then: the runbook has stopped the worker holding it, or the sidecar has
     * replaced it.
     */
    public AwsCredentials freshSessionAfterRevocation() {
        try (IamClient iam = admin.iam()) {
            iam.deleteRolePolicy(p -> p.roleName(SINK_ROLE).policyName(REVOKE_POLICY));
        } catch (software.amazon.awssdk.services.iam.model.NoSuchEntityException e) {
            throw new LabException("No revocation to lift: " + REVOKE_POLICY + " is not on role " + SINK_ROLE, e);
        }
        return issueSinkSession();
    }
}
