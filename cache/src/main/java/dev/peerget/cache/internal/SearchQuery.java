package dev.peerget.cache.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The SQL of a package search: a scan of the narrow search table (a few MB for Debian's 63,000 packages,
 * milliseconds) for the runs of packages whose text has every term ({@link SearchChunk}), then their packages that
 * match, then those by id. A term matches when the package name contains it, or a word of the name, summary or
 * description starts with it ({@link SearchWords}; names only with {@code namesOnly}).
 *
 * @param sql  the statement, selecting {@link PackageRows#COLUMNS} ordered by name
 * @param args its parameters, in order
 */
public record SearchQuery(String sql, List<String> args) {

    public static SearchQuery of(List<String> terms, boolean namesOnly) {
        StringBuilder runs = new StringBuilder();
        StringBuilder each = new StringBuilder();
        List<String> runArgs = new ArrayList<>();
        List<String> eachArgs = new ArrayList<>();
        for (String term : terms) {
            String lower = term.toLowerCase(Locale.ROOT);
            String like = "%" + lower.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            String words = namesOnly ? null : SearchWords.pattern(term);
            each.append(" AND (").append(SearchChunk.NAME).append(" LIKE ? ESCAPE '\\'");
            eachArgs.add(like);
            if (words != null) {
                each.append(" OR ").append(SearchChunk.WORDS).append(" LIKE ?");
                eachArgs.add(words);
            }
            each.append(')');
            if (SearchChunk.verbatim(lower)) {
                runs.append(" AND (s.data LIKE ? ESCAPE '\\'").append(words == null ? ")" : " OR s.data LIKE ?)");
                runArgs.add(like);
                if (words != null) {
                    runArgs.add(words);
                }
            }
        }
        String sql = "SELECT " + PackageRows.COLUMNS + " FROM packages p WHERE p.id IN (SELECT " + SearchChunk.ID
                + " FROM " + SearchChunk.PACKAGES + " WHERE 1" + runs + each + ") ORDER BY p.name, p.id";
        runArgs.addAll(eachArgs);
        return new SearchQuery(sql, List.copyOf(runArgs));
    }
}
