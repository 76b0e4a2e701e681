package dev.peerget.cli;

import dev.peerget.cache.MetadataStore;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Entry point. {@link #run} does all the work and returns the exit code; only {@link #main} exits. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // While picocli builds its model (~50 ms) the second core is idle: sqlite-jdbc starts there meanwhile.
        MetadataStore.warmUp();
        int code = run(new SystemConsole(), System.getenv("PATH"), args);
        System.exit(code);
    }

    /** Runs peerget with {@code args}, writing to {@code console}; {@code searchPath} is where tools are found. */
    public static int run(Console console, String searchPath, String... args) {
        PeergetCommand top = new PeergetCommand();
        CommandLine cl = commandLine(top, args);
        top.attach(new Invocation(console, searchPath, top.global(), java.util.List.of(args)));
        cl.setOut(console.out());
        cl.setErr(console.err());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) ->
                ErrorReporter.report(e, console.err(), top.global().debug));
        cl.setParameterExceptionHandler((e, args1) -> {
            console.err().println("E: " + e.getMessage());
            if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
                console.err().println("hint: did you mean '" + String.join("' or '", u.getSuggestions()) + "'?");
            }
            // The qualified name, so a nested command reads 'peerget mirror torrent --help'.
            console.err().println("hint: see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'");
            console.err().flush();
            return ExitCode.USAGE.code();
        });
        try {
            return cl.execute(args);
        } finally {
            console.out().flush();
            console.err().flush();
        }
    }

    /** The command line with every subcommand, as help, man pages and completions show it. */
    public static CommandLine commandLine(PeergetCommand top) {
        return commandLine(top, (String[]) null);
    }

    /**
     * The command line for running {@code args}: with only the subcommand they invoke when they name one
     * (picocli builds each command's model by reflection, about 0.2 s for all of them on every run), else
     * with every subcommand (help, suggestions for a mistyped name). Null {@code args} means every subcommand.
     */
    public static CommandLine commandLine(PeergetCommand top, String... args) {
        CommandLine cl = new CommandLine(top);
        String invoked = args == null ? null : invokedName(cl.getCommandSpec(), args);
        List<Class<?>> chosen = PeergetCommand.SUBCOMMANDS.stream()
                .filter(c -> c != CommandLine.HelpCommand.class && names(c).contains(invoked)).toList();
        for (Class<?> c : chosen.isEmpty() ? PeergetCommand.SUBCOMMANDS : chosen) {
            cl.addSubcommand(c);
        }
        cl.setCaseInsensitiveEnumValuesAllowed(true); // after adding: it is passed on to the subcommands
        return cl;
    }

    /** The first argument that is neither an option nor the value of one of the top command's options. */
    static String invokedName(CommandSpec top, String... args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                return null;
            }
            if (a.startsWith("-")) {
                OptionSpec option = top.findOption(a);
                if (option != null && option.arity().max() > 0) {
                    i++; // its value, given as the next argument
                }
                continue;
            }
            return a;
        }
        return null;
    }

    private static List<String> names(Class<?> command) {
        Command c = command.getAnnotation(Command.class);
        List<String> names = new ArrayList<>(List.of(c.aliases()));
        names.add(c.name());
        return names;
    }
}
