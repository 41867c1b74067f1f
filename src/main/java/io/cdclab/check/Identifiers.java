package io.cdclab.check;

import java.util.Locale;

/** PostgreSQL's identifier rule: a quoted name keeps its case (a doubled quote is one), an unquoted one is folded to lower case. */
final class Identifiers {
    private Identifiers() {
    }

    static String name(String written) {
        String s = written.strip();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            return s.substring(1, s.length() - 1).replace("\"\"", "\"");
        }
        return s.toLowerCase(Locale.ROOT);
    }
}
