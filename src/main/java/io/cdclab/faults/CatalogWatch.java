package io.cdclab.faults;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Iceberg table's metadata pointer as its catalog acknowledged it, watched every few milliseconds: the creation
 * ({@code 00000-*.metadata.json}) and each commit after it. F11 times its outage from these moments and compares
 * what was acknowledged with what the catalog holds after recovery. {@link CatalogRowWatch} reads a JdbcCatalog's
 * row, {@link GlueTableWatch} a Glue table's {@code metadata_location}.
 */
public interface CatalogWatch extends AutoCloseable {
    Pattern VERSION = Pattern.compile("/(\\d{5,})-[^/]*\\.metadata\\.json$");

    /** One metadata location the catalog showed, first seen at {@code atMillis} (epoch ms). */
    record Seen(long atMillis, String location) {
        /** The metadata file's version: 0 for the table's creation, one more for each commit. */
        public int version() {
            return CatalogWatch.version(location);
        }
    }

    /** Every location seen, oldest first. */
    List<Seen> history();

    /** The table's pointer as the catalog holds it now, read afresh (after a recovery). */
    Optional<String> readNow();

    /** When the table first appeared (its creation), if it has. */
    default Optional<Seen> creation() {
        return history().stream().findFirst();
    }

    /** When the catalog first acknowledged a commit (metadata version 1 or later), if it has. */
    default Optional<Seen> firstCommit() {
        return history().stream().filter(s -> s.version() >= 1).findFirst();
    }

    /** The newest location seen so far: what the catalog had acknowledged. */
    default Optional<Seen> latest() {
        List<Seen> seen = history();
        return seen.isEmpty() ? Optional.empty() : Optional.of(seen.get(seen.size() - 1));
    }

    @Override
    void close();

    /** The version in an Iceberg metadata file name ({@code .../00003-<uuid>.metadata.json} is 3); -1 if none. */
    static int version(String location) {
        if (location == null) {
            return -1;
        }
        Matcher m = VERSION.matcher(location);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }
}
