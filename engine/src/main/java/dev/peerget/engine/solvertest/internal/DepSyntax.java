package dev.peerget.engine.solvertest.internal;

import dev.peerget.model.Op;
import dev.peerget.model.Requirement;
import dev.peerget.model.VersionConstraint;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Dependencies in libsolv's testcase notation ({@code testcase_dep2str} / {@code testcase_str2dep} in libsolv's
 * {@code ext/repo_testcase.c}): {@code name op evr} with {@code < <= = >= >}, the boolean operators {@code |}
 * (or, also Debian's alternatives), {@code &} (and), {@code +} (with), {@code -} (without), {@code <IF>},
 * {@code <UNLESS>} and {@code <ELSE>}, parentheses for nesting, {@code name:any} and {@code <MULTIARCH>} for
 * Debian architecture qualifiers, and {@code \xx} hex escapes for blanks, backslashes and unbalanced
 * parentheses. Stateless.
 */
public final class DepSyntax {
    private static final String[] OPS = {"=", "<=>", "<=", ">=", ">", "<>", "&", "|", "+", "-", "<NAMESPACE>", ".",
        "<MULTIARCH>", "<FILECONFLICT>", "<IF>", "compat >=", "<KIND>", "<ELSE>", "<ERROR>", "<UNLESS>", "<CONDA>",
        "<"};

    private DepSyntax() {
    }

    /** The requirement as libsolv writes it. */
    public static String write(Requirement r) {
        return write(r, false);
    }

    private static String write(Requirement r, boolean nested) {
        String s;
        if (r instanceof Requirement.Atom a) {
            return atom(a);
        } else if (r instanceof Requirement.AnyOf any) {
            s = join(any.alternatives(), " | ");
        } else if (r instanceof Requirement.AllOf all) {
            s = join(all.operands(), " & ");
        } else if (r instanceof Requirement.With w) {
            s = join(w.operands(), " + ");
        } else if (r instanceof Requirement.Without w) {
            s = write(w.base(), true) + " - " + write(w.excluded(), true);
        } else if (r instanceof Requirement.If i) {
            s = write(i.then(), true) + " <IF> " + condition(i.condition(), i.otherwise());
        } else if (r instanceof Requirement.Unless u) {
            s = write(u.then(), true) + " <UNLESS> " + condition(u.condition(), u.otherwise());
        } else {
            throw new IllegalArgumentException("unknown requirement " + r);
        }
        return nested ? "(" + s + ")" : s;
    }

    private static String condition(Requirement condition, Requirement otherwise) {
        return otherwise == null ? write(condition, true)
                : "(" + write(condition, true) + " <ELSE> " + write(otherwise, true) + ")";
    }

    private static String join(List<Requirement> parts, String op) {
        List<String> out = new ArrayList<>();
        parts.forEach(p -> out.add(write(p, true)));
        return String.join(op, out);
    }

    private static String atom(Requirement.Atom a) {
        String name = escape(a.name());
        if (a.archQualifier() != null) {
            name = a.archQualifier().equals("any") ? name + ":any"
                    : "(" + name + " <MULTIARCH> " + escape(a.archQualifier()) + ")";
        }
        VersionConstraint c = a.constraint();
        return c == null ? name : name + " " + c.op().rpmSymbol() + " " + escape(c.version());
    }

    /** libsolv's {@code testcase_id2str} escaping. */
    public static String escape(String s) {
        boolean balanced = balanced(s);
        StringBuilder out = new StringBuilder();
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xff;
            boolean bad = (i == 0 && "[(<=>!".indexOf(c) >= 0) || c == ' ' || c == '\\' || c < 32
                    || (!balanced && (c == '(' || c == ')'));
            if (bad) {
                out.append('\\').append(String.format("%02x", c));
            } else if (c < 128) {
                out.append((char) c);
            } else {
                int len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
                out.append(new String(bytes, i, Math.min(len, bytes.length - i), StandardCharsets.UTF_8));
                i += len - 1;
            }
        }
        return out.toString();
    }

    private static boolean balanced(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '(') {
                depth++;
            } else if (s.charAt(i) == ')' && --depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }

    /** Undoes {@link #escape}. */
    public static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\\' && i + 2 < bytes.length) {
                out.write(Integer.parseInt(new String(bytes, i + 1, 2, StandardCharsets.US_ASCII), 16));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Parses a dependency.
     *
     * @throws IllegalArgumentException when it is not valid testcase notation or uses an operator peerget
     *                                  cannot model ({@code <>}, namespaces, ...)
     */
    public static Requirement parse(String text) {
        Parser p = new Parser(text);
        Node n = p.complex(false);
        if (p.pos < text.length()) {
            throw new IllegalArgumentException("unexpected '" + text.substring(p.pos) + "' in dependency '" + text + "'");
        }
        return toRequirement(n, text);
    }

    /** A parsed dependency before it is given peerget's meaning. */
    private sealed interface Node { }

    private record Leaf(String text) implements Node { }

    private record Rel(Node left, String op, Node right) implements Node { }

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        /** libsolv's {@code testcase_str2dep_complex}: right operands of comparisons stop at the next operator. */
        Node complex(boolean relop) {
            skipBlanks();
            Node id;
            if (pos < text.length() && text.charAt(pos) == '(') {
                pos++;
                id = complex(false);
                if (pos >= text.length() || text.charAt(pos) != ')') {
                    throw new IllegalArgumentException("missing ')' in dependency '" + text + "'");
                }
                pos++;
            } else {
                id = simple();
            }
            while (true) {
                skipBlanks();
                if (pos >= text.length() || text.charAt(pos) == ')' || relop) {
                    return id;
                }
                String op = null;
                for (String o : OPS) {
                    if (text.startsWith(o, pos)) {
                        op = o;
                        break;
                    }
                }
                if (op == null) {
                    throw new IllegalArgumentException("unknown operator at '" + text.substring(pos)
                            + "' in dependency '" + text + "'");
                }
                pos += op.length();
                boolean comparison = op.equals("=") || op.equals("<") || op.equals(">") || op.equals("<=")
                        || op.equals(">=") || op.equals("<>") || op.equals("<=>");
                id = new Rel(id, op, complex(comparison));
            }
        }

        private Node simple() {
            int start = pos;
            int paren = 0;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == ' ' || c < 32) {
                    break;
                }
                if (c == '(') {
                    paren++;
                }
                if (c == ')' && paren-- <= 0) {
                    break;
                }
                pos++;
            }
            if (pos == start) {
                throw new IllegalArgumentException("missing name in dependency '" + text + "'");
            }
            return new Leaf(text.substring(start, pos));
        }

        private void skipBlanks() {
            while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
                pos++;
            }
        }
    }

    private static Requirement toRequirement(Node n, String text) {
        if (n instanceof Leaf leaf) {
            String s = leaf.text();
            if (s.length() > 4 && s.endsWith(":any")) {
                return new Requirement.Atom(unescape(s.substring(0, s.length() - 4)), "any", null);
            }
            return Requirement.Atom.of(unescape(s));
        }
        Rel r = (Rel) n;
        switch (r.op()) {
            case "|" -> {
                return new Requirement.AnyOf(flatten(r, "|", text));
            }
            case "&" -> {
                return new Requirement.AllOf(flatten(r, "&", text));
            }
            case "+" -> {
                return new Requirement.With(flatten(r, "+", text));
            }
            case "-" -> {
                return new Requirement.Without(toRequirement(r.left(), text), toRequirement(r.right(), text));
            }
            case "<IF>", "<UNLESS>" -> {
                Requirement then = toRequirement(r.left(), text);
                Requirement condition;
                Requirement otherwise = null;
                if (r.right() instanceof Rel e && e.op().equals("<ELSE>")) {
                    condition = toRequirement(e.left(), text);
                    otherwise = toRequirement(e.right(), text);
                } else {
                    condition = toRequirement(r.right(), text);
                }
                return r.op().equals("<IF>") ? new Requirement.If(then, condition, otherwise)
                        : new Requirement.Unless(then, condition, otherwise);
            }
            case ".", "<MULTIARCH>" -> {
                Requirement.Atom base = (Requirement.Atom) toRequirement(r.left(), text);
                return new Requirement.Atom(base.name(), leafText(r.right(), text), base.constraint());
            }
            default -> {
                Op op = switch (r.op()) {
                    case "<" -> Op.LT;
                    case "<=" -> Op.LE;
                    case "=" -> Op.EQ;
                    case ">=" -> Op.GE;
                    case ">" -> Op.GT;
                    default -> throw new IllegalArgumentException("operator '" + r.op()
                            + "' is not supported by peerget in dependency '" + text + "'");
                };
                if (!(toRequirement(r.left(), text) instanceof Requirement.Atom base) || base.constraint() != null) {
                    throw new IllegalArgumentException("a version bound needs a name in dependency '" + text + "'");
                }
                return new Requirement.Atom(base.name(), base.archQualifier(),
                        new VersionConstraint(op, leafText(r.right(), text)));
            }
        }
    }

    private static String leafText(Node n, String text) {
        if (n instanceof Leaf leaf) {
            return unescape(leaf.text());
        }
        throw new IllegalArgumentException("expected a plain word in dependency '" + text + "'");
    }

    private static List<Requirement> flatten(Rel r, String op, String text) {
        List<Requirement> out = new ArrayList<>();
        for (Node side : List.of(r.left(), r.right())) {
            if (side instanceof Rel inner && inner.op().equals(op)) {
                out.addAll(flatten(inner, op, text));
            } else {
                out.add(toRequirement(side, text));
            }
        }
        return out;
    }
}
