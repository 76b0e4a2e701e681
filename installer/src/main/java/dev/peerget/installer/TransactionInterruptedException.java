package dev.peerget.installer;

/**
 * SIGINT, SIGTERM or SIGHUP reached the process while dpkg or rpm ran a transaction. As apt does, the installer
 * held the signal back: it let the running tool finish (the tool may have stopped on the same signal, as dpkg
 * does on a terminal's Ctrl-C), started no further run and recorded the transaction in the history. The
 * caller writes its marks for what was done, releases its locks and exits with {@link #exitCode()}.
 */
public final class TransactionInterruptedException extends InstallerException {
    private static final long serialVersionUID = 1L;
    private final String signal;
    private final int exitCode;
    private final transient TransactionResult result;

    /**
     * @param signal   the signal's name, {@code SIGINT}
     * @param exitCode what a shell reports for a process the signal ended: 128 + its number
     * @param result   every change with its result, the runs and the history id
     */
    public TransactionInterruptedException(String message, String hint, String signal, int exitCode,
                                           TransactionResult result) {
        super(message, hint);
        this.signal = signal;
        this.exitCode = exitCode;
        this.result = result;
    }

    /** {@code SIGINT}, {@code SIGTERM} or {@code SIGHUP}. */
    public String signal() {
        return signal;
    }

    /** 128 + the signal's number: 130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP. */
    public int exitCode() {
        return exitCode;
    }

    /** Every change with its result, and the history id. */
    public TransactionResult result() {
        return result;
    }
}
