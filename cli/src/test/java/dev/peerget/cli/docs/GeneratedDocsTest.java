package dev.peerget.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.peerget.cli.ExitCode;
import dev.peerget.cli.Main;
import dev.peerget.cli.PeergetCommand;
import dev.peerget.engine.config.Setting;
import dev.peerget.testing.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The committed man pages and completions are what {@link DocsGenerator} makes from the current code, and they
 * are well-formed: complete, rendering without groff warnings, and parsing in their shells.
 */
class GeneratedDocsTest {
    private static final Path ROOT = Corpus.projectDir();
    private static final Map<Path, String> EXPECTED = DocsGenerator.expectedFiles(ROOT);

    @ParameterizedTest
    @ValueSource(strings = {"man/peerget.8", "man/peerget.conf.5", "completions/peerget.bash",
        "completions/_peerget", "completions/peerget.fish"})
    void committedFileIsUpToDate(String relative) throws IOException {
        Path path = Path.of(relative);
        assertThat(EXPECTED).containsKey(path);
        Path file = ROOT.resolve(path);
        if (!Files.exists(file)) {
            fail(relative + " is missing: run scripts/regenerate-docs.sh");
        }
        String committed = Files.readString(file, StandardCharsets.UTF_8);
        String expected = EXPECTED.get(path);
        if (!committed.equals(expected)) {
            fail(relative + " is stale: run scripts/regenerate-docs.sh\n" + firstDifference(committed, expected));
        }
    }

    @Test
    void generatorWritesEveryFileItChecks() {
        assertThat(EXPECTED.keySet()).containsExactly(DocsGenerator.PEERGET_8, DocsGenerator.PEERGET_CONF_5,
                DocsGenerator.BASH, DocsGenerator.ZSH, DocsGenerator.FISH);
    }

    @Test
    void generationIsDeterministic() {
        assertThat(DocsGenerator.expectedFiles(ROOT)).isEqualTo(EXPECTED);
    }

    @Test
    void commandPageNamesEveryCommandAliasOptionAndExitCode() {
        String page = EXPECTED.get(DocsGenerator.PEERGET_8);
        CommandLine cl = Main.commandLine(new PeergetCommand());
        assertThat(cl.getSubcommands()).isNotEmpty();
        for (String nameOrAlias : cl.getSubcommands().keySet()) {
            assertThat(page).as("command or alias %s", nameOrAlias).contains("\\fB" + nameOrAlias + "\\fR");
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            assertThat(page).contains(".SS " + sub.getCommandName() + "\n");
            sub.getCommandSpec().options().forEach(o -> {
                for (String n : o.names()) {
                    assertThat(page).as("option %s", n).contains("\\fB" + n.replace("-", "\\-") + "\\fR");
                }
            });
        }
        for (ExitCode code : ExitCode.values()) {
            assertThat(page).contains(".TP\n\\fB" + code.code() + "\\fR\n" + code.meaning().replace("--", "\\-\\-"));
        }
        assertThat(page).contains(".SH \"EXIT STATUS\"", ".SH FILES", "/var/lib/peerget/metadata.db",
                "/etc/yum.repos.d", ".BR peerget.conf (5),");
    }

    @Test
    void configPageDescribesEverySetting() {
        String page = EXPECTED.get(DocsGenerator.PEERGET_CONF_5);
        for (Setting s : Setting.values()) {
            assertThat(page).as("setting %s", s.key()).contains("\\fB" + s.key() + "\\fR (default: ");
            assertThat(page).contains(s.defaultValue().isEmpty() ? "# " + s.key() + " =\n"
                    : s.key() + " = " + s.defaultValue() + "\n");
        }
        assertThat(page).contains("[main]", ".SH EXAMPLE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"man/peerget.8", "man/peerget.conf.5"})
    void manPageRendersWithoutWarnings(String relative, @TempDir Path tmp) throws Exception {
        Corpus.requireCommand("groff");
        Path file = tmp.resolve(Path.of(relative).getFileName());
        Files.writeString(file, EXPECTED.get(Path.of(relative)));
        Result r = run(tmp, "groff", "-ww", "-z", "-man", "-Tutf8", file.toString());
        assertThat(r.output).as("groff warnings for %s", relative).isEmpty();
        assertThat(r.exit).isZero();
        Result text = run(tmp, "groff", "-man", "-Tutf8", "-P-cbou", file.toString());
        assertThat(text.output).contains("NAME", "SEE ALSO");
    }

    @Test
    void bashCompletionParsesAndCompletesCommands(@TempDir Path tmp) throws Exception {
        Corpus.requireCommand("bash");
        Path script = tmp.resolve("peerget.bash");
        Files.writeString(script, EXPECTED.get(DocsGenerator.BASH));
        assertThat(run(tmp, "bash", "-n", script.toString()).exit).isZero();
        String probe = "source " + script + "; COMP_WORDS=(peerget sh); COMP_CWORD=1; COMP_LINE='peerget sh'; "
                + "COMP_POINT=${#COMP_LINE}; _complete_peerget; printf '%s\\n' \"${COMPREPLY[@]}\"";
        Result r = run(tmp, "bash", "-c", probe);
        assertThat(r.output.lines()).contains("show");
    }

    @Test
    void zshCompletionParsesWhereZshIsInstalled(@TempDir Path tmp) throws Exception {
        String zsh = EXPECTED.get(DocsGenerator.ZSH);
        assertThat(zsh).startsWith("#compdef peerget\n").contains("_peerget \"$@\"");
        if (Corpus.hasCommand("zsh")) {
            Path script = tmp.resolve("_peerget");
            Files.writeString(script, zsh);
            Result r = run(tmp, "zsh", "-n", script.toString());
            assertThat(r.exit).as(r.output).isZero();
        }
    }

    @Test
    void fishCompletionIsOnlyCompleteCommands(@TempDir Path tmp) throws Exception {
        String fish = EXPECTED.get(DocsGenerator.FISH);
        List<String> lines = fish.lines().filter(l -> !l.startsWith("#")).toList();
        assertThat(lines).isNotEmpty().allSatisfy(l -> assertThat(l).startsWith("complete -c peerget "));
        assertThat(lines).contains("complete -c peerget -f")
                .anySatisfy(l -> assertThat(l).contains("-n '__fish_use_subcommand' -a 'update'"))
                .anySatisfy(l -> assertThat(l).contains("-l 'root' -r -F"));
        if (Corpus.hasCommand("fish")) {
            Path script = tmp.resolve("peerget.fish");
            Files.writeString(script, fish);
            Result r = run(tmp, "fish", "--no-execute", script.toString());
            assertThat(r.exit).as(r.output).isZero();
        }
    }

    @Test
    void troffEscapesRequestsBackslashesAndOptionDashes() {
        String out = new Troff().text(".dot\n'quote\nC:\\dir uses --all-versions, not apt-get \u2026").toString();
        assertThat(out).isEqualTo("\\&.dot\n.br\n\\&'quote\n.br\nC:\\edir uses \\-\\-all\\-versions, not apt-get"
                + " \\[u2026]\n");
    }

    /** The first line where the two texts differ, for the staleness message. */
    static String firstDifference(String committed, String expected) {
        List<String> a = committed.lines().toList();
        List<String> b = expected.lines().toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String left = i < a.size() ? a.get(i) : "<end of file>";
            String right = i < b.size() ? b.get(i) : "<end of file>";
            if (!left.equals(right)) {
                return "first difference at line " + (i + 1) + ":\n  committed: " + left + "\n  generated: " + right;
            }
        }
        return "the files differ in line endings or a final newline";
    }

    @Test
    void firstDifferenceNamesTheLine() {
        assertThat(firstDifference("a\nb\nc\n", "a\nx\nc\n"))
                .isEqualTo("first difference at line 2:\n  committed: b\n  generated: x");
    }

    private record Result(int exit, String output) {
    }

    private static Result run(Path dir, String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " timed out");
        }
        return new Result(p.exitValue(), output);
    }
}
