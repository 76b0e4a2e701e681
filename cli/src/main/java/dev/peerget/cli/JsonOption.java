package dev.peerget.cli;

import picocli.CommandLine.Option;

/** {@code --json}: machine-readable output (a JSON array of objects) instead of apt-style text. */
public final class JsonOption {
    @Option(names = "--json", description = "Print a JSON array of objects instead of text.")
    boolean json;

    public boolean enabled() {
        return json;
    }
}
