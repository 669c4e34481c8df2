package dev.leanspec.inspector.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

/**
 * A command of the CLI with its picocli model, declared in code: each option is a field, in the
 * order the help lists them, with its help text, and reads its value after parsing. Not with
 * picocli's annotations: reading them makes Java spin a proxy class per annotation type at every
 * start, which no start-up cache holds — ~60 ms of a 230 ms {@code status} from the app image
 * (measured before this model replaced them; benchmark figure 6a needs ≤ 0.75× a bare JVM).
 */
abstract class Command implements Callable<Integer> {

    /** An option or parameter of this command, typed: after parsing, its value (its default, or null, when not given). */
    record Arg<T>(ArgSpec spec) {
        T value() {
            return spec.getValue();
        }
    }

    private final CommandSpec spec;

    /** A command named {@code name}; each string of {@code description} is a paragraph of its help. */
    Command(String name, String... description) {
        spec = CommandSpec.wrapWithoutInspection(this).name(name);
        spec.usageMessage().description(description);
        addStandardOptions(spec);
    }

    /** Adds {@code -h, --help} and {@code -V, --version}, which every command takes (`migrate --help` is what people type). */
    static void addStandardOptions(CommandSpec spec) {
        spec.versionProvider(() -> new String[] {Cli.versionLine()});
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).description("Print version information and exit.").build());
    }

    /** {@return this command's picocli model} */
    final CommandSpec spec() {
        return spec;
    }

    /** {@return where this command prints its results} */
    final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** {@return where this command prints notes and errors} */
    final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** {@return a bad-usage error (exit 2, with the usage) saying {@code message}} */
    final ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** An option that takes no value: true when given. */
    final Arg<Boolean> flag(String name, String... description) {
        return add(OptionSpec.builder(name).type(boolean.class).initialValue(false).description(description));
    }

    /** An option with one value of {@code type} shown as {@code label} in the help; null when not given. */
    final <T> Arg<T> option(String name, String label, Class<T> type, String... description) {
        return add(OptionSpec.builder(name).paramLabel(label).type(type).description(description));
    }

    /** An option given any number of times; {@code split}, when not null, also splits each value ({@code --status a,b}). */
    final <T> Arg<List<T>> repeatable(String name, String label, Class<T> type, String split, String... description) {
        OptionSpec.Builder option = OptionSpec.builder(name).paramLabel(label).type(List.class).auxiliaryTypes(type)
                .initialValue(new ArrayList<T>()).description(description);
        return add(split == null ? option : option.splitRegex(split));
    }

    /** An option as picocli's builder describes it, for what the shorthands above do not say (a default, required). */
    final <T> Arg<T> add(OptionSpec.Builder option) {
        OptionSpec built = option.build();
        spec.addOption(built);
        return new Arg<>(built);
    }

    /** The positional parameter at {@code index}, required. */
    final <T> Arg<T> parameter(int index, String label, Class<T> type, String... description) {
        return add(PositionalParamSpec.builder().index(String.valueOf(index)).required(true).paramLabel(label).type(type).description(description));
    }

    /** The positional parameters from {@code index} on, at least one. */
    final <T> Arg<List<T>> parameters(int index, String label, Class<T> type, String... description) {
        return add(PositionalParamSpec.builder().index(index + "..*").arity("1..*").required(true).paramLabel(label).type(List.class)
                .auxiliaryTypes(type).description(description));
    }

    private <T> Arg<T> add(PositionalParamSpec.Builder parameter) {
        PositionalParamSpec built = parameter.build();
        spec.addPositional(built);
        return new Arg<>(built);
    }
}
