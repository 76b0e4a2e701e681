package dev.peerget.cli.docs;

import dev.peerget.engine.config.Setting;
import dev.peerget.model.Layout;
import java.util.List;

/**
 * The body of peerget.conf(5): the file format (as {@code dev.peerget.engine.config.Settings} parses it), one
 * entry per {@link Setting} with its default, and an example listing every key with its default value. Kept
 * apart from {@link ManPageWriter} because it changes with the settings, not with the command line.
 * Immutable and thread-safe.
 */
final class ConfigManPage {
    private final Layout layout;

    ConfigManPage(Layout layout) {
        this.layout = layout;
    }

    /** Writes NAME to FILES of peerget.conf(5) describing {@code settings}. */
    void write(Troff t, List<Setting> settings) {
        String file = layout.peergetConf().toString();
        t.macro("SH", "NAME").line("peerget.conf \\- configuration file for peerget");
        t.macro("SH", "SYNOPSIS").line(Troff.italic(file));
        t.macro("SH", "DESCRIPTION");
        t.paragraph("peerget(8) reads its settings from " + file + " below the root directory given by --root, "
                + "or from the file given by --config. A missing file means every setting has its default. "
                + "A setting can be overridden for one run with -o KEY=VALUE, which may be repeated.");
        t.macro("SH", "FORMAT");
        t.paragraph("The file is read line by line; leading and trailing white space is ignored.");
        t.request("IP \\(bu 2").text("Empty lines and lines starting with # or ; are comments.");
        t.request("IP \\(bu 2").text("An optional [main] header may precede the settings, so the file "
                + "looks like dnf.conf(5). Any other section header is an error.");
        t.request("IP \\(bu 2").text("Every other line has the form key = value. Keys are case-insensitive; "
                + "the value is the rest of the line, without quotes. A line without = is an error.");
        t.request("IP \\(bu 2").text("A key peerget does not know is ignored with a warning, so a file "
                + "written for a newer version still works.");
        t.request("IP \\(bu 2").text("Numbers are whole numbers of 0 or more; flags are true or false "
                + "(also yes/no, on/off, 1/0).");
        t.macro("SH", "SETTINGS");
        for (Setting s : settings) {
            String def = s.defaultValue().isEmpty() ? "empty" : Troff.italic(s.defaultValue());
            t.tagged(Troff.bold(s.key()) + " (default: " + def + ")", s.description());
        }
        t.macro("SH", "EXAMPLE");
        t.paragraph("Every setting with its default value; settings whose default is empty are commented out:");
        t.verbatim(example(settings));
        t.macro("SH", "FILES");
        t.tagged(Troff.italic(file), "The configuration file, below the root given by --root.");
    }

    private static String example(List<Setting> settings) {
        StringBuilder sb = new StringBuilder("# peerget.conf\n[main]\n");
        for (Setting s : settings) {
            sb.append(s.defaultValue().isEmpty() ? "# " + s.key() + " =\n" : s.key() + " = " + s.defaultValue() + "\n");
        }
        return sb.toString().strip();
    }
}
