package dev.leanspec.inspector.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The option and parameter lists of {@code --help}, wrapped only at spaces. Picocli wraps at any
 * line-break opportunity, and Java's finds them inside paths and file names ({@code ~/.}
 * {@code local}, {@code chat.} {@code db}), which a reader then copies broken.
 */
final class HelpLayout {

    private static final int WIDTH = 80;
    /** The widest left column; a longer option name puts its description on the next line. */
    private static final int LEFT_MAX = 24;

    private HelpLayout() {
    }

    /** Lays out {@code commandLine}'s help, and its subcommands', this way. */
    static void install(CommandLine commandLine) {
        // Both lists share one left column, so that their descriptions line up.
        commandLine.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST,
                help -> table(optionRows(help.commandSpec()), leftWidth(help.commandSpec())));
        commandLine.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_PARAMETER_LIST,
                help -> table(parameterRows(help.commandSpec()), leftWidth(help.commandSpec())));
        commandLine.getSubcommands().values().forEach(HelpLayout::install);
    }

    private static String sortName(OptionSpec option) {
        return option.longestName().replaceFirst("^-+", "").toLowerCase(Locale.ROOT);
    }

    private static List<String[]> optionRows(CommandLine.Model.CommandSpec command) {
        List<String[]> rows = new ArrayList<>();
        for (OptionSpec option : command.options().stream().filter(o -> !o.hidden()).sorted(Comparator.comparing(HelpLayout::sortName)).toList()) {
            String shortName = option.names().length > 1 || option.longestName().startsWith("--") ? option.shortestName() : null;
            boolean hasShort = shortName != null && !shortName.startsWith("--");
            String label = option.typeInfo().isBoolean() || option.arity().max() == 0 ? "" : "=" + option.paramLabel();
            rows.add(new String[] {(hasShort ? shortName + ", " : "    ") + option.longestName() + label, description(option)});
        }
        return rows;
    }

    private static List<String[]> parameterRows(CommandLine.Model.CommandSpec command) {
        List<String[]> rows = new ArrayList<>();
        for (PositionalParamSpec parameter : command.positionalParameters().stream().filter(p -> !p.hidden()).toList()) {
            rows.add(new String[] {"    " + parameter.paramLabel(), description(parameter)});
        }
        return rows;
    }

    private static int leftWidth(CommandLine.Model.CommandSpec command) {
        List<String[]> all = new ArrayList<>(optionRows(command));
        all.addAll(parameterRows(command));
        return Math.min(LEFT_MAX, all.stream().mapToInt(row -> row[0].length()).max().orElse(0));
    }

    private static String description(ArgSpec arg) {
        return String.join(" ", arg.description());
    }

    private static String table(List<String[]> rows, int left) {
        int indent = 2 + left + 2;
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            out.append("  ").append(row[0]);
            List<String> lines = wrap(row[1], WIDTH - indent);
            if (row[0].length() > left) {
                out.append(System.lineSeparator()).append(" ".repeat(indent));
            } else {
                out.append(" ".repeat(left - row[0].length() + 2));
            }
            for (int i = 0; i < lines.size(); i++) {
                if (i > 0) {
                    out.append(" ".repeat(indent + 2)); // continued lines sit under the text, indented as picocli's
                }
                out.append(lines.get(i)).append(System.lineSeparator());
            }
            if (lines.isEmpty()) {
                out.append(System.lineSeparator());
            }
        }
        return out.toString();
    }

    /** {@code text} in lines of at most {@code width} characters, broken only at spaces (a longer word keeps a line of its own). */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split(" +")) {
            if (word.isEmpty()) {
                continue;
            }
            int room = lines.isEmpty() ? width : width - 2;
            if (line.length() > 0 && line.length() + 1 + word.length() > room) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
