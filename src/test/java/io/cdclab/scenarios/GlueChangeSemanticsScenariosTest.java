package io.cdclab.scenarios;

import io.cdclab.junit.CdcLab;
import io.cdclab.topology.LakeKind;

/**
 * C1-C5 of {@link ChangeSemanticsScenariosTest} on the seed's Glue lake (GlueCatalog + S3FileIO, STS session, IAM
 * enforced): the same scenarios and table names, another catalog. The changelog fixture's tables are
 * {@code <namespace>.<table>} so that they can exist in Glue at all (see {@code Changelog}); C3's schema evolution
 * goes through Glue's UpdateTable.
 */
@CdcLab(kafkaPartitions = 6, lake = LakeKind.GLUE)
class GlueChangeSemanticsScenariosTest extends ChangeSemanticsScenariosTest {
}
