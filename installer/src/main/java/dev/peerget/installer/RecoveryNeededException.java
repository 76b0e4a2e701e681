package dev.peerget.installer;

/** The root's package database shows an interrupted earlier run; {@link Installer#recover} must run first. */
public final class RecoveryNeededException extends InstallerException {
    private static final long serialVersionUID = 1L;
    private final transient Interruption interruption;

    public RecoveryNeededException(Interruption interruption) {
        super(interruption.message(), interruption.hint());
        this.interruption = interruption;
    }

    public Interruption interruption() {
        return interruption;
    }
}
