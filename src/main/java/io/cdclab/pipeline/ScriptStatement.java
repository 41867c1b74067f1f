package io.cdclab.pipeline;

/**
 * One statement of a SQL script as psql would send it: its text without the terminating semicolon (comments
 * dropped, their line breaks kept so that a server error position maps back to a line of the file), where it
 * starts, and for {@code COPY ... FROM stdin} the data lines that followed it, up to the {@code \.} line.
 *
 * @param number   1-based, counting only statements sent to the server
 * @param line     the file line of the statement's first token (1-based)
 * @param copyData the data block of a {@code COPY ... FROM stdin}, each line ending in a newline; null otherwise
 * @param dataLine the file line of the data block's first line; 0 without a data block
 */
public record ScriptStatement(int number, int line, String text, String copyData, int dataLine) {
    private static final int EXCERPT = 200;

    public boolean isCopyFromStdin() {
        return copyData != null;
    }

    /** The statement's start on one line, at most 200 characters: for an error, which must never quote the file. */
    public String excerpt() {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() > EXCERPT ? oneLine.substring(0, EXCERPT) + "..." : oneLine;
    }

    /** The file line of a 1-based character position in {@link #text()} (PostgreSQL's error position). */
    public int lineOf(int position) {
        int end = Math.min(Math.max(position - 1, 0), text.length());
        return line + (int) text.substring(0, end).chars().filter(c -> c == '\n').count();
    }

    /** A psql meta-command line ({@code \connect}, {@code \restrict}, ...): not SQL, so never sent to the server. */
    public record MetaCommand(int line, String text) {
        @Override
        public String toString() {
            return "line " + line + ": " + text;
        }
    }
}
