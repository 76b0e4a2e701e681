package dev.peerget.cli;

/** peerget's exit codes; documented in peerget(8), so scripts can tell failure kinds apart. */
public enum ExitCode {
    OK(0, "success"),
    FAILED(1, "the operation failed (a download, a repository, a package not found)"),
    USAGE(2, "the command line is wrong"),
    UNSATISFIABLE(3, "the request cannot be satisfied (dependency problems, including installed Debian packages "
            + "with unmet dependencies)"),
    VERIFICATION(4, "a signature, checksum or size did not verify"),
    LOCKED(5, "another process holds the lock, or privileges are missing"),
    PACKAGE_TOOL(6, "dpkg or rpm failed"),
    INTERNAL(70, "internal error (a bug: please report it with --debug output)"),
    HANGUP(129, "hung up (SIGHUP); while dpkg or rpm runs, the transaction stops after that run"),
    INTERRUPTED(130, "interrupted (SIGINT, Ctrl-C); while dpkg or rpm runs, the transaction stops after that run"),
    TERMINATED(143, "terminated (SIGTERM); while dpkg or rpm runs, the transaction stops after that run");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
