package dev.peerget.cli.docs;

import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Shell completion scripts for a picocli command tree. bash comes from picocli's own generator
 * ({@link AutoComplete#bash}); zsh is a native {@code _arguments} function ({@link ZshCompletion}, see there
 * why not bashcompinit); fish is generated from the same model ({@link FishCompletion}). Stateless.
 */
public final class CompletionWriter {
    private final CommandLine commandLine;

    /** Completions for the tree of {@code commandLine}, named after its top-level command. */
    public CompletionWriter(CommandLine commandLine) {
        this.commandLine = commandLine;
    }

    /** The bash script, to be sourced or installed in {@code /usr/share/bash-completion/completions}. */
    public String bash() {
        return AutoComplete.bash(commandLine.getCommandName(), commandLine);
    }

    /** The zsh function file {@code _NAME}, for a directory of {@code $fpath}. */
    public String zsh() {
        return ZshCompletion.script(commandLine);
    }

    /** The fish script, for {@code /usr/share/fish/vendor_completions.d/NAME.fish}. */
    public String fish() {
        return FishCompletion.script(commandLine);
    }
}
