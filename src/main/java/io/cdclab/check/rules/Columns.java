package io.cdclab.check.rules;

import io.cdclab.check.CheckInput;
import io.cdclab.check.Finding;
import io.cdclab.check.SchemaModel;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The columns Debezium captures of a table: all, minus {@code column.exclude.list}, or only
 * {@code column.include.list} (each a comma-separated list of regular expressions matched against the whole of
 * {@code schema.table.column}, as Debezium matches them).
 */
final class Columns {
    private Columns() {
    }

    static List<SchemaModel.Column> captured(CheckInput.Connector source, SchemaModel.Table table,
                                             Predicate<SchemaModel.Column> wanted) {
        List<Pattern> include = patterns(source.get("column.include.list"));
        List<Pattern> exclude = patterns(source.get("column.exclude.list"));
        return table.columns().stream().filter(wanted).filter(c -> {
            String name = table.qualifiedName() + "." + c.name();
            boolean included = include.isEmpty() || include.stream().anyMatch(p -> p.matcher(name).matches());
            return included && exclude.stream().noneMatch(p -> p.matcher(name).matches());
        }).toList();
    }

    /**
     * A place for every captured column that {@code affected} picks, in every captured table: where is
     * {@code schema.table.column}, the evidence says what the column is ({@code "public.t.d is date"}).
     */
    static List<Finding.Place> places(CheckInput input, Predicate<SchemaModel.Column> affected,
                                      Function<SchemaModel.Column, String> is,
                                      BiFunction<SchemaModel.Table, SchemaModel.Column, String> fix) {
        return input.capturedTables().stream().flatMap(t -> captured(input.source(), t, affected).stream().map(c -> {
            String where = t.qualifiedName() + "." + c.name();
            return Finding.place(where, where + " is " + is.apply(c), fix.apply(t, c));
        })).toList();
    }

    private static List<Pattern> patterns(String list) {
        if (list == null || list.isBlank() || Configs.isLabPlaceholder(list)) {
            return List.of();
        }
        return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> Pattern.compile(s, Pattern.CASE_INSENSITIVE)).toList();
    }

    static String names(List<SchemaModel.Column> columns) {
        return String.join(", ", columns.stream().map(c -> c.name() + " " + c.type()).toList());
    }
}
