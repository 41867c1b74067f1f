package io.cdclab.pipeline;

import java.util.List;

/**
 * What running a SQL script did besides its statements: the statements it skipped and why (a dump's ownership and
 * grants for roles the lab's database lacks, a setting this server does not know) and the psql meta-commands it
 * left out.
 */
public record SqlScriptRun(String source, int statementsRun, long rowsCopied, List<Skipped> skipped,
                           List<ScriptStatement.MetaCommand> metaCommands) {

    public SqlScriptRun {
        skipped = List.copyOf(skipped);
        metaCommands = List.copyOf(metaCommands);
    }

    /** One statement not sent, or sent and let fail, with its line, its start and the reason. */
    public record Skipped(int line, String statement, String reason) {
        @Override
        public String toString() {
            return "line " + line + " " + statement + ": " + reason;
        }
    }

    /** One line for the log: what ran, and what was left out (the first few of each). */
    public String summary() {
        StringBuilder text = new StringBuilder(source + ": " + statementsRun + " statement(s) run, " + rowsCopied
                + " row(s) copied");
        if (!skipped.isEmpty()) {
            text.append("; skipped ").append(skipped.size()).append(" statement(s), e.g. ")
                    .append(skipped.subList(0, Math.min(3, skipped.size())));
        }
        if (!metaCommands.isEmpty()) {
            text.append("; left out ").append(metaCommands.size()).append(" psql meta-command(s), e.g. ")
                    .append(metaCommands.subList(0, Math.min(3, metaCommands.size())));
        }
        return text.toString();
    }
}
