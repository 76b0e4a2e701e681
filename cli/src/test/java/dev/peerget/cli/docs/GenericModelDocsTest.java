package dev.peerget.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.testing.Corpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;

/**
 * The writers follow whatever the model holds, not peerget's current commands: nested and aliased commands,
 * hidden options, enum values and path arguments all come out right for a made-up command tree.
 */
class GenericModelDocsTest {
    enum Colour { RED, GREEN }

    @Command(name = "tool", subcommands = Outer.class, description = "tool is a test command. It does nothing.")
    static final class Tool {
        @Option(names = "--root", paramLabel = "DIR", scope = ScopeType.INHERIT, description = "Root directory.")
        Path root;
    }

    @Command(name = "outer", aliases = "out", subcommands = Inner.class, description = "Outer command.")
    static final class Outer {
        @Option(names = {"-k", "--colour"}, paramLabel = "C", description = "Paint it.")
        Colour colour;
        @Option(names = "--secret", hidden = true, description = "Not shown.")
        boolean secret;
    }

    @Command(name = "inner", description = "Inner command. Takes files.")
    static final class Inner implements Runnable {
        @Parameters(paramLabel = "FILE", description = "Input files.")
        List<Path> files;

        @Override
        public void run() {
        }
    }

    private final CommandLine cl = new CommandLine(new Tool());

    @Test
    void manPageCoversNestedCommandsAndEnumValuesButNotHiddenOptions(@TempDir Path tmp) throws Exception {
        String page = new ManPageWriter("1.0").commandPage(cl);
        assertThat(page).contains(".TH TOOL 8 \"\" \"peerget 1.0\"", "tool \\- test command\n",
                ".SS outer\nAlso called \\fBout\\fR.", ".SS \"outer inner\"",
                "\\fBtool\\fR [\\fIglobal options\\fR] \\fBouter\\fR \\fBinner\\fR [\\fIFILE\\fR...]",
                "Paint it. Values: RED, GREEN.")
                .doesNotContain("secret");
        Corpus.requireCommand("groff");
        Path file = tmp.resolve("tool.8");
        Files.writeString(file, page);
        Process p = new ProcessBuilder("groff", "-ww", "-z", "-man", "-Tutf8", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).isEmpty();
    }

    @Test
    void fishCompletesNestedCommandsEnumsAndFiles() {
        String fish = new CompletionWriter(cl).fish();
        assertThat(fish).contains(
                "complete -c tool -l 'root' -r -F -d 'Root directory'\n",
                "complete -c tool -n '__fish_use_subcommand' -a 'out' -d 'Outer command'\n",
                "complete -c tool -n '__fish_seen_subcommand_from outer out' -s 'k' -l 'colour' -r -a 'RED GREEN'",
                "complete -c tool -n '__fish_seen_subcommand_from outer out' -a 'inner' -d 'Inner command'\n",
                "complete -c tool -n '__fish_seen_subcommand_from inner' -F\n")
                .doesNotContain("secret");
    }

    @Test
    void zshDispatchesEveryLevel() {
        String zsh = new CompletionWriter(cl).zsh();
        assertThat(zsh).contains("(outer|out) _tool_outer ;;", "(inner) _tool_outer_inner ;;",
                "'(-k --colour)--colour=[Paint it]:C:(RED GREEN)'", "'*:FILE:_files'", "'out:Outer command'")
                .doesNotContain("secret");
    }
}
