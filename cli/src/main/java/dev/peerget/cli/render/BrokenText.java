package dev.peerget.cli.render;

import dev.peerget.engine.plan.UnmetDependency;
import java.io.PrintWriter;
import java.util.List;

/**
 * apt-get's list of a broken system's unmet dependencies (ShowBroken), with peerget's command to correct them:
 * <pre>
 * You might want to run 'peerget install -f' to correct these.
 * The following packages have unmet dependencies:
 *  foo : Depends: bar (&gt;= 2) but it is not installed
 * </pre>
 * Each further unmet relation of a package is aligned under the first one; alternatives end with "or".
 */
public final class BrokenText {
    private BrokenText() {
    }

    /**
     * Prints the list; {@code nativeArch} is dpkg's architecture, whose packages (and {@code all} ones) are
     * named without {@code :arch}.
     */
    public static void print(PrintWriter out, List<UnmetDependency> unmet, String nativeArch) {
        out.println("You might want to run 'peerget install -f' to correct these.");
        out.println("The following packages have unmet dependencies:");
        String previous = null;
        for (UnmetDependency u : unmet) {
            String name = u.arch().equals(nativeArch) || u.arch().equals("all") ? u.name()
                    : u.name() + ":" + u.arch();
            String head = " " + name + " : ";
            String lead = name.equals(previous) ? " ".repeat(head.length()) : head;
            previous = name;
            String field = u.field() + ": ";
            String indent = " ".repeat(head.length() + field.length());
            List<UnmetDependency.Alternative> alternatives = u.alternatives();
            for (int i = 0; i < alternatives.size(); i++) {
                UnmetDependency.Alternative a = alternatives.get(i);
                String line = (i == 0 ? lead + field : indent) + a.text()
                        + (a.reason() == null ? "" : " but " + a.reason())
                        + (i + 1 < alternatives.size() ? " or" : "");
                out.println(line);
            }
        }
    }
}
