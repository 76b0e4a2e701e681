package dev.peerget.cli;

/** What one {@code peerget} run printed and returned. */
record CliRun(int exitCode, String stdout, String stderr) {
    /** Runs peerget in-process with the test JVM's PATH. */
    static CliRun of(String... args) {
        BufferConsole console = new BufferConsole();
        int code = Main.run(console, System.getenv("PATH"), args);
        return new CliRun(code, console.stdout(), console.stderr());
    }
}
