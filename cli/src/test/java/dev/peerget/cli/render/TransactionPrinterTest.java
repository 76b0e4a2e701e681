package dev.peerget.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransactionPrinterTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<String> dpkg = List.of("/usr/bin/dpkg", "--root=/r", "--configure", "pg-hello:amd64");

    @Test
    void debugAnnouncesEachToolRunAndItsEndWithExitCodeAndDuration() {
        TransactionPrinter p = new TransactionPrinter(new PrintWriter(out), new PrintWriter(err), false, true);
        p.commandStarted(dpkg);
        p.output("Setting up pg-hello (1.0-1) ...");
        p.commandFinished(dpkg, 0);
        assertThat(out.toString()).isEqualTo("Setting up pg-hello (1.0-1) ...\n");
        assertThat(err.toString()).matches("D: running /usr/bin/dpkg --root=/r --configure pg-hello:amd64\n"
                + "D: dpkg exited with 0 after \\d+\\.\\d\\d s\n");
    }

    @Test
    void withoutDebugOnlyTheToolsOutputIsShown() {
        TransactionPrinter p = new TransactionPrinter(new PrintWriter(out), new PrintWriter(err), false, false);
        p.commandStarted(dpkg);
        p.output("Setting up pg-hello (1.0-1) ...");
        p.commandFinished(dpkg, 1);
        assertThat(out.toString()).isEqualTo("Setting up pg-hello (1.0-1) ...\n");
        assertThat(err.toString()).isEmpty();
    }
}
