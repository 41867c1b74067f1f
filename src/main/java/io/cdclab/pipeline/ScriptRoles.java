package io.cdclab.pipeline;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which of a dump's ownership and privilege statements the lab's database can take. A dump names the roles of the
 * database it came from: {@code ALTER ... OWNER TO postgres}, {@code GRANT ... TO reporting}. They are skipped, not
 * created, when the loading user could not run them:
 * <ul>
 * <li>{@code OWNER TO} (and {@code ALTER DEFAULT PRIVILEGES FOR ROLE}) a role the loading user cannot
 *     {@code SET ROLE} to: creating the role would not help, PostgreSQL 16 still refuses the statement ("must be
 *     able to SET ROLE"), and handing the tables to another role would take them from the pipeline's user, which
 *     must own a table to put it in Debezium's publication. Skipping them is {@code pg_restore --no-owner}.</li>
 * <li>{@code GRANT} and {@code REVOKE} naming a role the database lacks: creating roles needs CREATEROLE, which the
 *     lab's application user should not need, and a grant to a role nobody logs in as changes nothing the lab
 *     tests. Grants to roles that exist (and to PUBLIC) still run.</li>
 * </ul>
 */
final class ScriptRoles {
    private static final Pattern OWNER_TO = Pattern.compile("(?is)^ALTER\\s.*\\sOWNER\\s+TO\\s+(\"(?:[^\"]|\"\")+\"|\\S+)\\s*$");
    private static final Pattern DEFAULT_PRIVILEGES_FOR = Pattern.compile(
            "(?is)^ALTER\\s+DEFAULT\\s+PRIVILEGES\\s+FOR\\s+(?:ROLE|USER)\\s+(.+?)\\s+(?:IN\\s+SCHEMA|GRANT|REVOKE)\\s.*");
    private static final Pattern GRANT_TO = Pattern.compile(
            "(?is)^(?:ALTER\\s+DEFAULT\\s+PRIVILEGES\\s.*?\\s)?GRANT\\s.*\\sTO\\s+(.+?)(?:\\s+WITH\\s+\\w+\\s+(?:OPTION|TRUE|FALSE)\\b.*|\\s+GRANTED\\s+BY\\s.*)?$");
    private static final Pattern REVOKE_FROM = Pattern.compile(
            "(?is)^(?:ALTER\\s+DEFAULT\\s+PRIVILEGES\\s.*?\\s)?REVOKE\\s.*\\sFROM\\s+(.+?)(?:\\s+GRANTED\\s+BY\\s+\\S+)?(?:\\s+(?:CASCADE|RESTRICT))?$");
    private static final Set<String> ALWAYS = Set.of("public", "current_user", "current_role", "session_user");

    private final Set<String> existing;
    private final Set<String> becomable;
    private final String user;

    ScriptRoles(Set<String> existing, Set<String> becomable, String user) {
        this.existing = Set.copyOf(existing);
        this.becomable = Set.copyOf(becomable);
        this.user = user;
    }

    /** The roles of the connected database, and those its user may SET ROLE to (all of them for a superuser). */
    static ScriptRoles of(Connection connection) throws SQLException {
        Set<String> existing = new HashSet<>();
        Set<String> becomable = new HashSet<>();
        String user;
        try (Statement s = connection.createStatement()) {
            // 'SET' is PostgreSQL 16's privilege for SET ROLE; before 16, membership was enough.
            String privilege;
            try (ResultSet rs = s.executeQuery("SELECT current_user, current_setting('server_version_num')::int >= 160000")) {
                rs.next();
                user = rs.getString(1);
                privilege = rs.getBoolean(2) ? "SET" : "MEMBER";
            }
            try (ResultSet rs = s.executeQuery("SELECT rolname, pg_has_role(current_user, oid, '" + privilege + "') "
                    + "OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) FROM pg_roles")) {
                while (rs.next()) {
                    existing.add(rs.getString(1));
                    if (rs.getBoolean(2)) {
                        becomable.add(rs.getString(1));
                    }
                }
            }
        }
        return new ScriptRoles(existing, becomable, user);
    }

    /** Why the statement is skipped, naming its roles; empty when it runs. */
    Optional<String> skipReason(String statement) {
        List<String> cannotBecome = new ArrayList<>();
        Matcher owner = OWNER_TO.matcher(statement);
        if (owner.matches()) {
            roles(owner.group(1)).stream().filter(r -> !ALWAYS.contains(r) && !becomable.contains(r)).forEach(cannotBecome::add);
        }
        Matcher forRole = DEFAULT_PRIVILEGES_FOR.matcher(statement);
        if (forRole.matches()) {
            roles(forRole.group(1)).stream().filter(r -> !becomable.contains(r)).forEach(cannotBecome::add);
        }
        if (!cannotBecome.isEmpty()) {
            return Optional.of("names role " + String.join(", ", cannotBecome) + ", which " + user + " cannot SET ROLE to"
                    + (existing.containsAll(cannotBecome) ? "" : " (not in this database)"));
        }
        List<String> lacking = new ArrayList<>();
        for (Pattern grantees : List.of(GRANT_TO, REVOKE_FROM)) {
            Matcher m = grantees.matcher(statement);
            if (m.matches()) {
                roles(m.group(1)).stream().filter(r -> !ALWAYS.contains(r) && !existing.contains(r)).forEach(lacking::add);
            }
        }
        return lacking.isEmpty() ? Optional.empty()
                : Optional.of("names role " + String.join(", ", lacking) + ", which this database lacks");
    }

    /** A comma-separated role list as PostgreSQL folds it: unquoted names lower-cased, {@code GROUP} dropped. */
    static List<String> roles(String list) {
        List<String> roles = new ArrayList<>();
        for (String part : list.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
            String name = part.strip().replaceFirst("(?i)^GROUP\\s+", "");
            if (name.startsWith("\"") && name.endsWith("\"") && name.length() >= 2) {
                roles.add(name.substring(1, name.length() - 1).replace("\"\"", "\""));
            } else if (!name.isEmpty()) {
                roles.add(name.toLowerCase(Locale.ROOT));
            }
        }
        return roles;
    }
}
