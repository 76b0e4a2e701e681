package dev.peerget.cli;

import dev.peerget.engine.plan.UnmetDependenciesException;
import dev.peerget.installer.LockedException;
import dev.peerget.installer.PackageToolException;
import dev.peerget.installer.TransactionInterruptedException;
import dev.peerget.model.PeergetException;
import dev.peerget.repo.VerificationException;
import java.io.PrintWriter;

/**
 * The one place that turns exceptions into apt-style messages ({@code E: what}, then {@code hint: what to do})
 * and exit codes. Stack traces only with {@code --debug}.
 */
final class ErrorReporter {
    private ErrorReporter() {
    }

    static ExitCode exitCodeOf(Throwable e) {
        if (e instanceof VerificationException) {
            return ExitCode.VERIFICATION;
        }
        if (e instanceof LockedException) {
            return ExitCode.LOCKED;
        }
        if (e instanceof TransactionInterruptedException t) {
            for (ExitCode c : ExitCode.values()) {
                if (c.code() == t.exitCode()) {
                    return c;
                }
            }
            return ExitCode.INTERRUPTED;
        }
        if (e instanceof UnmetDependenciesException) {
            return ExitCode.UNSATISFIABLE; // dependency problems, of the installed packages (apt-get -f)
        }
        if (e instanceof PackageToolException) {
            return ExitCode.PACKAGE_TOOL;
        }
        if (e instanceof PeergetException) {
            return ExitCode.FAILED;
        }
        return ExitCode.INTERNAL;
    }

    static int report(Throwable e, PrintWriter err, boolean debug) {
        ExitCode code = exitCodeOf(e);
        if (code == ExitCode.INTERNAL) {
            err.println("E: internal error: " + e);
            err.println("hint: this is a bug in peerget; run again with --debug and report the output");
        } else {
            err.println("E: " + e.getMessage());
            if (e instanceof PeergetException p) {
                p.hint().ifPresent(h -> err.println("hint: " + h));
            }
        }
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return code.code();
    }
}
