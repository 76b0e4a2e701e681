package dev.peerget.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SearchWordsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "hello|GNU Hello, the friendly greeter|' hello gnu hello the friendly greeter'",
        "libc6-dev|C library: (dev files)|' libc6 dev c library dev files'",
        "x|Café crème — Ångström Ωs|' x cafe creme angstrom ωs'",
        "--|...|''",
    })
    void foldsIntoLowerCaseWordsWithoutDiacritics(String name, String summary, String folded) {
        assertThat(SearchWords.fold(name, summary)).isEqualTo(folded);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "hello|'% hello%'",
        "Lib-Foo|'% lib foo%'",
        "Éclair|'% eclair%'",
        "++|",
    })
    void termsBecomeWordPrefixPatterns(String term, String pattern) {
        assertThat(SearchWords.pattern(term)).isEqualTo(pattern);
    }
}
