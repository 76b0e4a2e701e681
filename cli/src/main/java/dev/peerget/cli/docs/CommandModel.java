package dev.peerget.cli.docs;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Read-only queries on the picocli model shared by the man page and completion writers, so that every output
 * agrees on which options are visible, their order, and how descriptions are flattened. Stateless.
 */
final class CommandModel {
    /** Options sorted like picocli's usage help: by the shortest name without dashes, case-insensitively. */
    static final Comparator<OptionSpec> OPTION_ORDER = Comparator
            .comparing((OptionSpec o) -> strip(o.shortestName()).toLowerCase(Locale.ROOT))
            .thenComparing(OptionSpec::shortestName);

    private CommandModel() {
    }

    /** The visible options of {@code spec}, sorted; inherited ones (declared on a parent) only if asked for. */
    static List<OptionSpec> options(CommandSpec spec, boolean includeInherited) {
        return spec.options().stream()
                .filter(o -> !o.hidden() && (includeInherited || !o.inherited()))
                .sorted(OPTION_ORDER)
                .toList();
    }

    /** The visible positional parameters of {@code spec} in index order. */
    static List<PositionalParamSpec> positionals(CommandSpec spec) {
        return spec.positionalParameters().stream()
                .filter(p -> !p.hidden())
                .sorted(Comparator.comparingInt(p -> p.index().min()))
                .toList();
    }

    /** The visible subcommands in declaration order, each once (picocli's map also holds every alias). */
    static List<CommandLine> subcommands(CommandSpec spec) {
        Map<CommandLine, Boolean> seen = new IdentityHashMap<>();
        List<CommandLine> result = new ArrayList<>();
        for (CommandLine sub : spec.subcommands().values()) {
            if (seen.put(sub, Boolean.TRUE) == null && !sub.getCommandSpec().usageMessage().hidden()) {
                result.add(sub);
            }
        }
        return result;
    }

    /** The command's name followed by its aliases. */
    static List<String> names(CommandSpec spec) {
        List<String> names = new ArrayList<>();
        names.add(spec.name());
        names.addAll(List.of(spec.aliases()));
        return names;
    }

    /** An option's names, short ones first. */
    static List<String> names(OptionSpec option) {
        return List.of(option.names()).stream()
                .sorted(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    /** picocli description lines joined into text; {@code %n} becomes a newline as in picocli's help. */
    static String text(String[] lines) {
        return String.join(" ", lines).replace("%n", "\n").replace("%%", "%").strip();
    }

    /** The first sentence of {@code text} (up to the first ". "), for one-line completion descriptions. */
    static String firstSentence(String text) {
        String flat = text.replace('\n', ' ').strip();
        int end = flat.indexOf(". ");
        String sentence = end < 0 ? flat : flat.substring(0, end + 1);
        return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
    }

    /** A one-line summary of a command: its header if it has one, else its description's first sentence. */
    static String summary(CommandSpec spec) {
        String header = text(spec.usageMessage().header());
        return firstSentence(header.isEmpty() ? text(spec.usageMessage().description()) : header);
    }

    /** Whether the option takes a value (not a flag). */
    static boolean takesValue(OptionSpec option) {
        return option.arity().max() > 0;
    }

    /** Whether the argument names a file. */
    static boolean isPath(ArgSpec arg) {
        Class<?> type = arg.type();
        return Path.class.isAssignableFrom(type) || File.class.equals(type)
                || (arg.auxiliaryTypes().length > 0 && Path.class.isAssignableFrom(arg.auxiliaryTypes()[0]));
    }

    /** The fixed values an argument accepts (enum constants, explicit candidates), or an empty list. */
    static List<String> candidates(ArgSpec arg) {
        List<String> values = new ArrayList<>();
        if (arg.completionCandidates() != null) {
            arg.completionCandidates().forEach(values::add);
        }
        return values;
    }

    /** Whether the positional parameter takes more than one value. */
    static boolean repeats(PositionalParamSpec param) {
        return param.arity().max() > 1 || param.arity().isUnspecified() && param.isMultiValue();
    }

    private static String strip(String name) {
        return name.replaceFirst("^-+", "");
    }
}
