package dev.peerget.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A run builds the model of the subcommand it invokes only; help and mistakes still see every subcommand. */
class MainTest {

    private static CommandLine forArgs(String... args) {
        return Main.commandLine(new PeergetCommand(), args);
    }

    @Test
    void theInvokedSubcommandIsFoundPastGlobalOptionsAndTheirValues() {
        assertThat(forArgs("--root", "/r", "-o", "architecture=amd64", "install", "-s", "hello").getSubcommands())
                .containsOnlyKeys("install");
        assertThat(forArgs("-c", "/etc/x.conf", "--debug", "full-upgrade").getSubcommands())
                .containsOnlyKeys("dist-upgrade", "full-upgrade");
        assertThat(forArgs("--root=/r", "-oa=b", "search", "install").getSubcommands()).containsOnlyKeys("search");
        // an option's value that looks like a command name is not the command
        assertThat(forArgs("--root", "show", "list").getSubcommands()).containsOnlyKeys("list");
    }

    @Test
    void withoutACommandOrWithAnUnknownOneEverySubcommandIsThere() {
        int all = Main.commandLine(new PeergetCommand()).getSubcommands().size();
        assertThat(all).isGreaterThan(20);
        assertThat(forArgs("--help").getSubcommands()).hasSize(all);
        assertThat(forArgs("--root", "/r").getSubcommands()).hasSize(all);
        assertThat(forArgs("instal", "hello").getSubcommands()).hasSize(all);
        assertThat(forArgs("help", "install").getSubcommands()).hasSize(all);
    }

    @Test
    void inheritedGlobalOptionsReachALateAddedSubcommand() {
        CommandLine cl = forArgs("install", "--root", "/r", "hello");
        CommandLine.ParseResult parsed = cl.parseArgs("install", "--root", "/r", "hello");
        assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("install");
        assertThat(parsed.subcommand().matchedOptionValue("--root", (Object) null)).hasToString("/r");
    }

    @Test
    void aMistypedCommandGetsASuggestion() {
        CliRun run = CliRun.of("--root", "/nonexistent", "instal", "hello");
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.stderr()).contains("'instal'").contains("hint: did you mean 'install'");
    }
}
