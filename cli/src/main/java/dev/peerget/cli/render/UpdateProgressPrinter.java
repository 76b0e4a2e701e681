package dev.peerget.cli.render;

import dev.peerget.engine.update.UpdateListener;
import dev.peerget.model.PeergetException;
import java.io.PrintWriter;

/** Prints update progress as apt does: {@code Get:N}, {@code Hit:N}, {@code Ign:N}, {@code Err:N} lines. */
public final class UpdateProgressPrinter implements UpdateListener {
    private final PrintWriter out;
    private final PrintWriter err;

    public UpdateProgressPrinter(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void fetched(int seq, String baseUri, String what, long bytes) {
        out.println("Get:" + seq + " " + baseUri + " " + what + " [" + Sizes.human(bytes) + "]");
        out.flush();
    }

    @Override
    public void unchanged(int seq, String baseUri, String what) {
        out.println("Hit:" + seq + " " + baseUri + " " + what);
        out.flush();
    }

    @Override
    public void ignored(int seq, String baseUri, String what, String reason) {
        out.println("Ign:" + seq + " " + baseUri + " " + what);
        out.flush();
    }

    @Override
    public void failed(int seq, String baseUri, String what, PeergetException error) {
        out.println("Err:" + seq + " " + baseUri + " " + what);
        out.println("  " + error.getMessage());
        out.flush();
    }

    @Override
    public void warning(String message) {
        err.println("W: " + message);
        err.flush();
    }
}
