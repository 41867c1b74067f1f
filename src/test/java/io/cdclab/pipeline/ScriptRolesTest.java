package io.cdclab.pipeline;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Which ownership and grant statements of a dump the loading user can run, without a server. */
class ScriptRolesTest {
    /** A database with the lab's application user (who may become only itself) and a reporting role. */
    private final ScriptRoles roles = new ScriptRoles(Set.of("postgres", "app", "Readers"), Set.of("app"), "app");

    @Test
    void ownerToARoleTheUserCannotBecome_isSkipped_evenWhenTheRoleExists() {
        assertThat(roles.skipReason("ALTER TABLE shop.customers OWNER TO postgres"))
                .hasValue("names role postgres, which app cannot SET ROLE to");
        assertThat(roles.skipReason("ALTER SCHEMA shop OWNER TO \"Alice\""))
                .hasValue("names role Alice, which app cannot SET ROLE to (not in this database)");
        assertThat(roles.skipReason("ALTER TABLE shop.customers OWNER TO app")).isEmpty();
        assertThat(roles.skipReason("ALTER FUNCTION f() OWNER TO CURRENT_USER")).isEmpty();
    }

    @Test
    void grantsAndRevokesNamingMissingRoles_areSkipped_othersRun() {
        assertThat(roles.skipReason("GRANT SELECT ON TABLE shop.customers TO reporting"))
                .hasValue("names role reporting, which this database lacks");
        assertThat(roles.skipReason("GRANT ALL ON SCHEMA shop TO \"Readers\" WITH GRANT OPTION")).isEmpty();
        assertThat(roles.skipReason("GRANT SELECT ON TABLE t TO readers")).as("unquoted folds to lower case").isPresent();
        assertThat(roles.skipReason("REVOKE ALL ON TABLE t FROM PUBLIC")).isEmpty();
        assertThat(roles.skipReason("REVOKE ALL ON TABLE t FROM ghost CASCADE"))
                .hasValue("names role ghost, which this database lacks");
        assertThat(roles.skipReason("GRANT USAGE ON SCHEMA s TO app, GROUP ghost"))
                .hasValue("names role ghost, which this database lacks");
        assertThat(roles.skipReason("ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA s GRANT SELECT ON TABLES TO app"))
                .hasValue("names role postgres, which app cannot SET ROLE to");
        assertThat(roles.skipReason("CREATE TABLE grants (owner text)")).isEmpty();
    }
}
