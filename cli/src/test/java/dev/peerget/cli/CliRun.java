package dev.peerget.cli;

/** What one {@code peerget} run printed and returned. */
record CliRun(int exitCode, String stdout, String stderr) {
    /** Runs peerget in-process with the test JVM's PATH. */
    static CliRun of(String... args) {
        BufferConsole console = new BufferConsole();
        int code = Main.run(console, System.getenv("PATH"), args);
        return new CliRun(code, console.stdout(), console.stderr());
    }

    /** Runs peerget in-process with {@code --root root}. */
    static CliRun in(dev.peerget.testing.ThrowawayRoot root, String... args) {
        return in(new BufferConsole(), root, args);
    }

    /** Runs peerget in-process with {@code --root root} on {@code console} (a terminal that answers, say). */
    static CliRun in(BufferConsole console, dev.peerget.testing.ThrowawayRoot root, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--root";
        all[1] = root.path().toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int code = Main.run(console, System.getenv("PATH"), all);
        return new CliRun(code, console.stdout(), console.stderr());
    }
}
