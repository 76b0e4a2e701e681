package dev.peerget.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerget.model.Checksum;
import dev.peerget.model.HashAlgorithm;
import dev.peerget.model.MultiArch;
import dev.peerget.model.PackageFormat;
import dev.peerget.model.PackageRecord;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class PackageInfoTest {
    /** Texts that a separator or a length prefix could trip over. */
    static Stream<String> awkward() {
        return Stream.of("", ":", "12:34", "3:abc", "0:", "a\nb\n", "\u001e\u001f\u0000\t", "quote \" back \\ slash",
                "Jöhn Ðoe <j@ex.org>", "emoji \uD83D\uDE00 and ω", "x".repeat(70_000));
    }

    @ParameterizedTest
    @MethodSource("awkward")
    void everyFieldRoundTripsWhateverItHolds(String text) {
        PackageRecord r = PackageRecord.builder(PackageFormat.RPM, "n", "1", "x86_64")
                .section(text).priority(text + "p").essential(true).multiArch(MultiArch.ALLOWED)
                .size(Long.MAX_VALUE).installedSize(0).location(text + "/l.rpm")
                .checksum(new Checksum(HashAlgorithm.SHA256, "b".repeat(64)))
                .checksum(new Checksum(HashAlgorithm.MD5, "c".repeat(32)))
                .source(text + "s").maintainer("m" + text).homepage(text).license(text + ":GPL")
                .summary(text + "sum").description("d" + text).build();
        PackageRecord.Builder back = PackageRecord.builder(PackageFormat.RPM, "n", "1", "x86_64");
        PackageInfo.decode(PackageInfo.encode(r, PackageWriter.checksums(r)), back);
        assertThat(back.build()).isEqualTo(r);
    }

    @Test
    void emptyFieldsAndNoChecksumsRoundTrip() {
        PackageRecord r = PackageRecord.builder(PackageFormat.DEB, "n", "1", "all").build();
        String info = PackageInfo.encode(r, PackageWriter.checksums(r));
        PackageRecord.Builder back = PackageRecord.builder(PackageFormat.DEB, "n", "1", "all");
        PackageInfo.decode(info, back);
        assertThat(back.build()).isEqualTo(r);
        assertThat(info).isEqualTo("0:0:1:02:NO1:01:00:0:0:0:0:0:0:0:");
    }

    @Test
    void malformedInfoIsRejected() {
        PackageRecord r = PackageRecord.builder(PackageFormat.DEB, "n", "1", "all").build();
        String info = PackageInfo.encode(r, "");
        var b = PackageRecord.builder(PackageFormat.DEB, "n", "1", "all");
        assertThatThrownBy(() -> PackageInfo.decode(info + "1:x", b)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PackageInfo.decode(info.substring(0, info.length() - 2), b))
                .isInstanceOf(IllegalStateException.class);
    }
}
