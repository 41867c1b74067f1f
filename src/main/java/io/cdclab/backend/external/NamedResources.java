package io.cdclab.backend.external;

import java.util.Set;

/** One kind of thing on a shared cluster that the lab may create, listed and removed by name. */
interface NamedResources {

    /** e.g. "connector", "topic", "replication slot": for the log. */
    String kind();

    Set<String> names();

    void remove(String name);
}
