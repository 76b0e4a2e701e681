package dev.peerget.cache.internal;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;

/**
 * The folded text {@code search} matches against, and the pattern a search term becomes.
 *
 * <p>A package's text (name, summary, description) is folded into its words: maximal runs of letters and digits,
 * lower-cased, diacritics removed (so {@code cafe} finds {@code Café}), each preceded by one space. "A word starts
 * with the term" is then {@code words LIKE '% term%'}, where the term is folded the same way (a term of several
 * words, such as {@code lib-foo}, must match consecutive words, the last one by prefix): the same matches as the
 * FTS5 prefix query ({@code "term"*} with the unicode61 tokenizer) this replaces, for a fraction of the insert cost,
 * and scanning the folded text of every package takes SQLite a few milliseconds (docs/benchmarks.md). Pure and
 * thread-safe.
 */
public final class SearchWords {
    private SearchWords() {
    }

    /** The folded words of {@code parts}, each word preceded by a space; empty when there is no word. */
    public static String fold(String... parts) {
        int length = 0;
        for (String p : parts) {
            length += p.length() + 1;
        }
        // Nearly every package's text is ASCII: folded byte by byte (the update folds ~60,000 packages' text on
        // the index reader's thread, in C1-compiled code where String.charAt is a call per character).
        byte[] out = new byte[length + 1];
        int n = 0;
        for (String p : parts) {
            n = appendAscii(out, n, p.getBytes(StandardCharsets.ISO_8859_1), p.length());
            if (n < 0) {
                return foldUnicode(parts);
            }
        }
        return new String(out, 0, n, StandardCharsets.ISO_8859_1);
    }

    /** Appends the folded words of an ASCII text at {@code n}; -1 when the text is not ASCII. */
    private static int appendAscii(byte[] out, int n, byte[] text, int length) {
        boolean inWord = false;
        for (int i = 0; i < length; i++) {
            int c = text[i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            } else if (c < 0 || c == '?') {
                return -1; // not ASCII, or not Latin-1 (getBytes made it '?'), or a '?' we must tell apart
            }
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
                inWord = false;
                continue;
            }
            if (!inWord) {
                out[n++] = ' ';
                inWord = true;
            }
            out[n++] = (byte) c;
        }
        return n;
    }

    private static String foldUnicode(String... parts) {
        StringBuilder out = new StringBuilder();
        for (String p : parts) {
            append(out, withoutDiacritics(p));
        }
        return out.toString();
    }

    /**
     * The LIKE pattern (no escapes needed: folded text holds only letters, digits and spaces) that matches the
     * folded words of a package when a word starts with {@code term}; null when the term has no letter or digit.
     */
    public static String pattern(String term) {
        String folded = fold(term);
        return folded.isEmpty() ? null : "%" + folded + "%";
    }

    private static void append(StringBuilder out, String text) {
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            boolean wordChar;
            if (c < 0x80) {
                if (c >= 'A' && c <= 'Z') {
                    c += 'a' - 'A';
                }
                wordChar = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            } else {
                // unicode61's token characters: letters, numbers and private-use characters.
                wordChar = Character.isLetterOrDigit(c) || Character.getType(c) == Character.LETTER_NUMBER
                        || Character.getType(c) == Character.OTHER_NUMBER || Character.getType(c) == Character.PRIVATE_USE;
            }
            if (!wordChar) {
                inWord = false;
                continue;
            }
            if (!inWord) {
                out.append(' ');
                inWord = true;
            }
            out.appendCodePoint(c);
        }
    }

    /** Lower-cased (for non-ASCII letters) and decomposed, with the combining marks dropped. */
    private static String withoutDiacritics(String s) {
        String decomposed = Normalizer.normalize(s.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        StringBuilder b = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) != Character.NON_SPACING_MARK) { // the diacritics NFD split off
                b.append(c);
            }
        }
        return b.toString();
    }
}
