package dev.peerget.installer;

import dev.peerget.installer.deb.DpkgInstaller;
import dev.peerget.installer.rpm.RpmInstaller;
import dev.peerget.model.Layout;
import dev.peerget.model.PackageFormat;
import dev.peerget.model.PackageId;
import java.util.Collection;
import java.util.Optional;

/**
 * Carries out transactions in one root with its package tool, records them in the {@link History} and
 * recovers from interrupted runs. The engine's sequence:
 *
 * <pre>{@code
 * Installer installer = Installer.create(format, InstallerOptions.of(layout));
 * try (RootLock lock = installer.lock()) {
 *     installer.interruptionBlocking(touched).ifPresent(...); // tell the user, or call recover(...)
 *     ... plan, fetch, verify ...
 *     TransactionResult r = installer.execute(lock, transaction, listener);
 * }
 * }</pre>
 *
 * <p>Implementations are stateless apart from their options; one transaction at a time per root (the lock
 * enforces it, across processes too).
 */
public interface Installer {

    /** An installer for packages of {@code format}: {@link DpkgInstaller} or {@link RpmInstaller}. */
    static Installer create(PackageFormat format, InstallerOptions options) {
        return switch (format) {
            case DEB -> new DpkgInstaller(options);
            case RPM -> new RpmInstaller(options);
        };
    }

    PackageFormat format();

    Layout layout();

    /**
     * Takes the root's locks (peerget's, and dpkg's frontend lock for Debian roots). Hold it from before planning
     * until the transaction is done, so that nobody changes the root in between.
     *
     * @throws LockedException naming the process that holds a lock
     */
    RootLock lock();

    /**
     * Creates an empty package database in the root if it has none (bootstrapping a new root), as
     * {@code dnf --installroot} does: dpkg's admin directory with an empty status file, or {@code rpm --initdb}.
     * Does nothing when a database exists.
     */
    void initializeDatabase(RootLock lock);

    /** What an interrupted earlier run left behind in the package database, if anything. */
    Optional<Interruption> interruption();

    /**
     * What an interrupted earlier run left that stops a transaction changing {@code packages} (by name and
     * architecture; versions do not matter): exactly what {@link #execute} would refuse, so that a caller can
     * refuse before it fetches anything. dpkg: a pending journal stops every transaction (apt's rule), packages a
     * failed maintainer script left unfinished stop only transactions that leave them alone, since removing or
     * replacing them is how a user gets out of a script that keeps failing. rpm: any {@link #interruption()}.
     */
    Optional<Interruption> interruptionBlocking(Collection<PackageId> packages);

    /**
     * Carries out {@code transaction}: orders it for the package tool, runs the tool, checks the result in the
     * package database and records everything in the history. Refuses to start while
     * {@link #interruptionBlocking} reports something for the transaction's packages.
     *
     * @throws RecoveryNeededException when an earlier run was interrupted
     * @throws PackageToolException    when dpkg or rpm fails; the history records the transaction as failed
     * @throws TransactionInterruptedException when SIGINT, SIGTERM or SIGHUP came while dpkg or rpm ran: the
     *                                 signal was held back until that run ended, no further run started, and
     *                                 the history records what was done (interrupted when not everything)
     * @throws InstallerException      when the lock is not this root's, a package file is missing, or the
     *                                 transaction cannot be ordered
     */
    TransactionResult execute(RootLock lock, Transaction transaction, InstallListener listener);

    /**
     * Records that packages ({@code name:arch}) are held, or no longer held, where the package tool keeps holds,
     * so that its other front ends respect them too: dpkg's selection {@code hold} (back to {@code install} when
     * released), as {@code apt-mark hold} does. rpm keeps no holds (dnf's versionlock is a plugin's own file):
     * nothing to do there; peerget's own marks hold the packages for peerget in both formats.
     *
     * @throws InstallerException when the tool refuses (naming the packages and its output)
     */
    void recordHolds(RootLock lock, java.util.List<String> packages, boolean held);

    /**
     * Finishes what an interrupted run left (dpkg: {@code dpkg --configure -a}; rpm: erases the older of two
     * versions an interrupted upgrade left installed) and records it in the history. Empty when there was
     * nothing to do.
     *
     * @throws PackageToolException when the tool fails or packages remain half-done
     * @throws TransactionInterruptedException when a signal came while the tool ran (held back until it ended)
     */
    Optional<TransactionResult> recover(RootLock lock, String commandLine, InstallListener listener);
}
