package io.cdclab.faults;

import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;

import java.time.Duration;
import java.util.Optional;

/** A Glue table's {@code metadata_location} parameter, as GlueCatalog commits it, read with the lab's own client. */
public final class GlueTableWatch extends PollingWatch {
    private final GlueClient glue;
    private final String database;
    private final String table;

    private GlueTableWatch(GlueClient glue, String database, String table, Duration every) {
        super(table, every);
        this.glue = glue;
        this.database = database;
        this.table = table;
    }

    public static GlueTableWatch start(GlueClient glue, String database, String table, Duration every) {
        return new GlueTableWatch(glue, database, table, every);
    }

    @Override
    Optional<String> read() {
        try {
            return Optional.ofNullable(glue.getTable(b -> b.databaseName(database).name(table)).table()
                    .parameters().get("metadata_location"));
        } catch (EntityNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> readNow() {
        return read();
    }
}
