package dev.peerget.engine.install;

import dev.peerget.fetch.swarm.FetchListener;
import dev.peerget.fetch.swarm.FetchReport;
import dev.peerget.installer.InstallListener;

/** Hears from a transaction: the fetch, the verification, dpkg's or rpm's output, the seeding hand-off. */
public interface TransactionListener extends FetchListener, InstallListener {
    TransactionListener NONE = new TransactionListener() { };

    /** The fetch is over (every file verified against the signed index and in the cache). */
    default void fetched(FetchReport report) { }

    /** A package file's own signature was checked (RPM repositories with gpgcheck=1). */
    default void signatureChecked(String label, String signer) { }

    /** The fetched torrents were handed to the seeding daemon ({@code started}: a new daemon was started). */
    default void seeding(int torrents, boolean started) { }
}
