package io.cdclab.topology;

import io.cdclab.errors.LabException;
import io.cdclab.settings.LabSettings;
import java.util.Locale;

/**
 * Which Iceberg catalog the lake uses. {@link #JDBC}: Iceberg's JdbcCatalog in the lab's PostgreSQL, files in the
 * backend's S3 server. {@link #GLUE}: the seed's production lake, AWS Glue as the catalog and S3 through S3FileIO,
 * reached with STS session credentials; on the embedded backend an AWS emulator (moto_server) the lab starts, on
 * the aws backend real AWS. {@link #CONFIGURED} defers to {@code -Dlab.lake=jdbc|glue} (default jdbc).
 */
public enum LakeKind {
    CONFIGURED, JDBC, GLUE;

    public static final String PROPERTY = LabSettings.LAKE;

    /** This kind, or for {@link #CONFIGURED} the one {@code -Dlab.lake} names. */
    public LakeKind resolve(LabSettings settings) {
        return this == CONFIGURED ? fromName(settings.get(PROPERTY).orElse("")) : this;
    }

    /** Parses {@code -Dlab.lake}; blank means {@link #JDBC}. */
    public static LakeKind fromName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "", "jdbc" -> JDBC;
            case "glue" -> GLUE;
            default -> throw new LabException("-D" + PROPERTY + "=" + name + " is not a lake. Choose jdbc (Iceberg "
                    + "JdbcCatalog + S3) or glue (AWS Glue + S3 with STS sessions; emulated by moto_server on the "
                    + "embedded backend).");
        };
    }
}
