package dev.peerget.repo.rpm.internal;

/**
 * An {@code .rpm} file whose structure cannot be read: not an RPM at all, cut short, or with a header that
 * breaks the format's rules. The message says what and where (byte offsets from the start of the file), but
 * not which file; the caller adds that.
 */
public final class RpmFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What kind of structural problem; callers choose their message and hint by it. */
    public enum Kind {
        /** The lead's magic is wrong: this is some other kind of file. */
        NOT_RPM,
        /** The file ends inside the lead or a header. */
        TRUNCATED,
        /** The file starts like an RPM but a field is out of range or inconsistent. */
        MALFORMED
    }

    private final Kind kind;

    public RpmFormatException(Kind kind, String detail) {
        super(detail);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
