package dev.peerget.engine.update;

import dev.peerget.model.PeergetException;
import java.util.ArrayList;
import java.util.List;

/** Keeps apt-style progress lines for assertions. */
final class RecordingListener implements UpdateListener {
    final List<String> lines = new ArrayList<>();
    final List<PeergetException> errors = new ArrayList<>();

    @Override
    public void fetched(int seq, String baseUri, String what, long bytes) {
        lines.add("Get " + what);
    }

    @Override
    public void unchanged(int seq, String baseUri, String what) {
        lines.add("Hit " + what);
    }

    @Override
    public void ignored(int seq, String baseUri, String what, String reason) {
        lines.add("Ign " + what);
    }

    @Override
    public void failed(int seq, String baseUri, String what, PeergetException error) {
        lines.add("Err " + what);
        errors.add(error);
    }

    @Override
    public void warning(String message) {
        lines.add("W " + message);
    }
}
