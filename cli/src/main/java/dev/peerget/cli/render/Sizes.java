package dev.peerget.cli.render;

import java.util.Locale;

/** Byte counts as apt prints them: decimal units, {@code 53.1 kB}, {@code 8,790 kB}. */
public final class Sizes {
    private Sizes() {
    }

    /** apt's {@code [53.1 kB]} style: B below 1000, then kB/MB/GB with three significant digits. */
    public static String human(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        String num = v >= 100 ? String.format(Locale.ROOT, "%.0f", v)
                : v >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
        return num + " " + units[u];
    }
}
