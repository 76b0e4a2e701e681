package dev.peerget.model;

/** A version comparison operator, as used in Debian relation fields and RPM dependency flags. */
public enum Op {
    LT("<<", "<"),
    LE("<=", "<="),
    EQ("=", "="),
    GE(">=", ">="),
    GT(">>", ">");

    private final String debian;
    private final String rpm;

    Op(String debian, String rpm) {
        this.debian = debian;
        this.rpm = rpm;
    }

    /** The operator as written in Debian control files ({@code <<}, {@code <=}, {@code =}, {@code >=}, {@code >>}). */
    public String debianSymbol() {
        return debian;
    }

    /** The operator as written in RPM spec files ({@code <}, {@code <=}, {@code =}, {@code >=}, {@code >}). */
    public String rpmSymbol() {
        return rpm;
    }

    /** Whether a comparison result ({@code compare(candidate, bound)}) satisfies this operator. */
    public boolean accepts(int comparison) {
        return switch (this) {
            case LT -> comparison < 0;
            case LE -> comparison <= 0;
            case EQ -> comparison == 0;
            case GE -> comparison >= 0;
            case GT -> comparison > 0;
        };
    }
}
