package dev.peerget.installer;

/**
 * dpkg or rpm failed during a transaction. Carries the failed run (command, exit code, output tail) and what the
 * transaction had done by then; the history already records it as failed.
 */
public final class PackageToolException extends InstallerException {
    private static final long serialVersionUID = 1L;
    private final transient ToolRun failedRun;
    private final transient TransactionResult result;

    public PackageToolException(String message, String hint, ToolRun failedRun, TransactionResult result) {
        super(message, hint);
        this.failedRun = failedRun;
        this.result = result;
    }

    /** The run that failed. */
    public ToolRun failedRun() {
        return failedRun;
    }

    /** Its exit code (128 + signal number when the tool was killed). */
    public int exitCode() {
        return failedRun.exitCode();
    }

    /** The last lines of its output. */
    public String outputTail() {
        return failedRun.outputTail();
    }

    /** Every change with its result, and the history id. */
    public TransactionResult result() {
        return result;
    }
}
