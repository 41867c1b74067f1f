package io.cdclab.gluelake;

import java.util.Optional;

/**
 * What a running topology with a Glue lake offers tests beyond {@link io.cdclab.topology.RunningTopology}: the
 * lab's own AWS clients, where the lake is, and the emulated account behind it (roles, policies, sessions) where
 * there is one. Implemented by every backend that runs a Glue lake, so scenarios do not depend on which.
 */
public interface GlueLakeAccess {

    /** The emulated AWS account (moto) the lake lives in; empty on real AWS. */
    Optional<EmulatedAccount> emulatedAccount();

    /** The lab's own clients for the lake's AWS APIs (the emulator's admin user, or the standard chain on AWS). */
    AwsApis apis();

    /** Bucket, prefix, region and run id of the lake. */
    AwsSettings settings();
}
