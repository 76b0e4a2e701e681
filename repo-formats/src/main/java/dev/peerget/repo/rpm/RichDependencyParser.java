package dev.peerget.repo.rpm;

import dev.peerget.model.Op;
import dev.peerget.model.Requirement;
import dev.peerget.model.VersionConstraint;
import dev.peerget.repo.MetadataException;
import dev.peerget.repo.rpm.internal.EvrText;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses RPM dependency strings into {@link Requirement} trees: plain atoms ({@code name [op evr]}) and boolean
 * ("rich") dependencies such as {@code (foo >= 1.0 or (bar if baz else qux))}.
 *
 * <p>Follows rpm's own grammar ({@code rpmrichParse} in lib/rpmds.c, documented in rpm's
 * "Boolean Dependencies" page): the whole expression is in parentheses; {@code and}, {@code or} and
 * {@code with} may be chained but not mixed without parentheses; {@code if}, {@code unless} (each with an
 * optional {@code else}) and {@code without} take exactly two (three) operands. A name is scanned like rpm's
 * {@code SKIPNONWHITEX}: up to white space or an unbalanced {@code )}, so {@code perl(Foo::Bar)} is one name.
 * Operators are {@code < <= = == >= > =< =>}. Versions are normalised with a zero epoch dropped.
 * Stateless and thread-safe (each call uses its own cursor).
 */
public final class RichDependencyParser {
    private final String text;
    private int pos;

    private RichDependencyParser(String text) {
        this.text = text;
    }

    /**
     * Parses {@code text}.
     *
     * @throws MetadataException naming the text and the 1-based column when it is not a valid dependency
     */
    public static Requirement parse(String text) {
        RichDependencyParser p = new RichDependencyParser(text);
        p.skipWhite();
        if (p.pos >= text.length()) {
            throw p.error("empty dependency");
        }
        Requirement result;
        if (text.charAt(p.pos) == '(') {
            result = p.rich();
        } else {
            result = p.simple(true);
        }
        p.skipWhite();
        if (p.pos < text.length()) {
            throw p.error("unexpected '" + text.substring(p.pos) + "' after the dependency");
        }
        return result;
    }

    /** Whether {@code text} is a boolean dependency (rpm recognises them by the leading parenthesis). */
    public static boolean isRich(String text) {
        return !text.isEmpty() && text.charAt(0) == '(';
    }

    private Requirement rich() {
        expect('(');
        Requirement first = operand();
        skipWhite();
        if (peek() == ')') {
            pos++;
            return first; // rpm accepts a single parenthesised operand
        }
        int opAt = pos;
        String op = word();
        switch (op) {
            case "and", "or", "with" -> {
                List<Requirement> operands = new ArrayList<>();
                operands.add(first);
                while (true) {
                    operands.add(operand());
                    skipWhite();
                    if (peek() == ')') {
                        pos++;
                        break;
                    }
                    int nextAt = pos;
                    String next = word();
                    if (!next.equals(op)) {
                        pos = nextAt;
                        throw error(isOperator(next)
                                ? "cannot mix '" + op + "' and '" + next + "' without parentheses"
                                : "expected '" + op + "' or ')' but found '" + next + "'");
                    }
                }
                return switch (op) {
                    case "and" -> new Requirement.AllOf(operands);
                    case "or" -> new Requirement.AnyOf(operands);
                    default -> new Requirement.With(operands);
                };
            }
            case "without" -> {
                Requirement excluded = operand();
                closeAfter(op);
                return new Requirement.Without(first, excluded);
            }
            case "if", "unless" -> {
                Requirement condition = operand();
                skipWhite();
                Requirement otherwise = null;
                if (peek() != ')') {
                    int elseAt = pos;
                    String w = word();
                    if (!w.equals("else")) {
                        pos = elseAt;
                        throw error(isOperator(w) ? "'" + op + "' cannot be chained; expected 'else' or ')'"
                                : "expected 'else' or ')' after '" + op + "' but found '" + w + "'");
                    }
                    otherwise = operand();
                }
                closeAfter(op);
                return op.equals("if") ? new Requirement.If(first, condition, otherwise)
                        : new Requirement.Unless(first, condition, otherwise);
            }
            default -> {
                pos = opAt;
                throw error(op.isEmpty() ? "expected an operator or ')'" : "unknown operator '" + op + "'");
            }
        }
    }

    private void closeAfter(String op) {
        skipWhite();
        if (pos >= text.length()) {
            throw error("missing ')'");
        }
        if (peek() != ')') {
            throw error("'" + op + "' cannot be chained; expected ')'");
        }
        pos++;
    }

    private Requirement operand() {
        skipWhite();
        char c = peek();
        if (c == '(') {
            return rich();
        }
        if (c == 0 || c == ')') {
            throw error("expected a dependency");
        }
        return simple(false);
    }

    /** {@code name [op evr]}; inside a rich dependency a keyword after the name ends the atom. */
    private Requirement simple(boolean topLevel) {
        int nameAt = pos;
        String name = token();
        if (name.isEmpty()) {
            throw error("expected a dependency name");
        }
        if (!topLevel && isOperator(name)) {
            pos = nameAt;
            throw error("expected a dependency but found operator '" + name + "'");
        }
        int save = pos;
        skipWhite();
        int opAt = pos;
        Op op = comparison(token());
        if (op == null) {
            pos = save;
            return Requirement.Atom.of(name);
        }
        skipWhite();
        String evr = token();
        if (evr.isEmpty()) {
            pos = opAt;
            throw error("missing version after '" + text.substring(opAt, opAt + symbolLength()) + "'");
        }
        return new Requirement.Atom(name, null, new VersionConstraint(op, EvrText.canonical(evr)));
    }

    private int symbolLength() {
        int i = pos;
        while (i < text.length() && "<>=".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        return Math.max(1, i - pos);
    }

    private static Op comparison(String s) {
        return switch (s) {
            case "<" -> Op.LT;
            case "<=", "=<" -> Op.LE;
            case "=", "==" -> Op.EQ;
            case ">=", "=>" -> Op.GE;
            case ">" -> Op.GT;
            default -> null;
        };
    }

    private static boolean isOperator(String w) {
        return switch (w) {
            case "and", "or", "if", "unless", "else", "with", "without" -> true;
            default -> false;
        };
    }

    /** rpm's SKIPNONWHITEX: non-white characters, stopping at an unbalanced ')'. */
    private String token() {
        int start = pos;
        int depth = 0;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c) || (depth == 0 && c == ')')) {
                break;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
            pos++;
        }
        return text.substring(start, pos);
    }

    /** The next keyword; running out of text here means the closing parenthesis is missing. */
    private String word() {
        skipWhite();
        if (pos >= text.length()) {
            throw error("missing ')'");
        }
        return token();
    }

    private void expect(char c) {
        skipWhite();
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    private void skipWhite() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private MetadataException error(String what) {
        String where = pos >= text.length() ? "end of text" : "column " + (pos + 1);
        return new MetadataException("bad dependency \"" + text + "\": " + what + " at " + where);
    }
}
