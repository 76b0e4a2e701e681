package dev.peerget.cache.internal;

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
        boolean ascii = true;
        for (String p : parts) {
            length += p.length() + 1;
            for (int i = 0; ascii && i < p.length(); i++) {
                ascii = p.charAt(i) < 0x80;
            }
        }
        StringBuilder out = new StringBuilder(length + 1);
        for (String p : parts) {
            append(out, ascii ? p : withoutDiacritics(p));
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
