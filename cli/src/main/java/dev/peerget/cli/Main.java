package dev.peerget.cli;

import picocli.CommandLine;

/** Entry point. {@link #run} does all the work and returns the exit code; only {@link #main} exits. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = run(new SystemConsole(), System.getenv("PATH"), args);
        System.exit(code);
    }

    /** Runs peerget with {@code args}, writing to {@code console}; {@code searchPath} is where tools are found. */
    public static int run(Console console, String searchPath, String... args) {
        PeergetCommand top = new PeergetCommand();
        CommandLine cl = commandLine(top);
        top.attach(new Invocation(console, searchPath, top.global(), java.util.List.of(args)));
        cl.setOut(console.out());
        cl.setErr(console.err());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) ->
                ErrorReporter.report(e, console.err(), top.global().debug));
        cl.setParameterExceptionHandler((e, args1) -> {
            console.err().println("E: " + e.getMessage());
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

    /** The command line with its exit-code mapping, also used to generate man pages and completions. */
    public static CommandLine commandLine(PeergetCommand top) {
        CommandLine cl = new CommandLine(top);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }
}
