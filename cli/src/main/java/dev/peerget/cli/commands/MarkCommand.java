package dev.peerget.cli.commands;

import dev.peerget.cache.MarkStore;
import dev.peerget.cache.PackageMarks;
import dev.peerget.cli.JsonOption;
import dev.peerget.cli.PeergetCommand;
import dev.peerget.cli.render.JsonWriter;
import dev.peerget.engine.EngineException;
import dev.peerget.engine.Peerget;
import dev.peerget.model.InstalledPackage;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code mark}: apt-mark's auto/manual/hold/unhold and the show* listings. */
@Command(name = "mark", mixinStandardHelpOptions = true, versionProvider = dev.peerget.cli.VersionProvider.class,
        description = "Mark installed packages as automatically or manually installed (autoremove removes automatic "
                + "ones nothing needs), or hold them at their version. ACTION is auto, manual, hold, unhold, "
                + "showauto, showmanual or showhold; the show* listings print names, or with --json objects.")
public final class MarkCommand implements Callable<Integer> {
    @ParentCommand
    PeergetCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption json;

    @Parameters(index = "0", paramLabel = "ACTION", description = "auto, manual, hold, unhold, showauto, showmanual, showhold")
    String action;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "PKG", description = "Installed packages (NAME or NAME:ARCH).")
    List<String> packages = new ArrayList<>();

    @Override
    public Integer call() {
        if (json.enabled() && List.of("auto", "manual", "hold", "unhold").contains(action)) {
            throw new ParameterException(spec.commandLine(), "--json goes with the listings showauto, showmanual "
                    + "and showhold, not with " + action);
        }
        PrintWriter out = parent.invocation().console().out();
        try (Peerget engine = parent.invocation().engine()) {
            MarkStore store = engine.marks();
            PackageMarks marks = store.read();
            // What apt marked as automatically installed counts too (read only; peerget writes its own file).
            PackageMarks shown = marks.withAutomaticFrom(new MarkStore(engine.context().layout().aptExtendedStates())
                    .read());
            List<InstalledPackage> installed = engine.installed().packages().stream()
                    .filter(InstalledPackage::isInstalled).toList();
            switch (action) {
                case "showauto", "showmanual", "showhold" -> {
                    List<InstalledPackage> listed = new ArrayList<>();
                    for (InstalledPackage p : installed) {
                        String n = p.record().name();
                        String a = p.record().arch();
                        boolean auto = shown.isAutomatic(n, a);
                        if ((action.equals("showauto") && auto) || (action.equals("showmanual") && !auto)
                                || (action.equals("showhold") && held(p, marks))) {
                            listed.add(p);
                        }
                    }
                    listed.sort(Comparator.comparing((InstalledPackage p) -> p.record().name())
                            .thenComparing(p -> p.record().arch()));
                    if (json.enabled()) {
                        JsonWriter w = new JsonWriter(out).beginArray();
                        for (InstalledPackage p : listed) {
                            String n = p.record().name();
                            String a = p.record().arch();
                            w.beginObject().field("name", n).field("arch", a).field("version", p.record().version())
                                    .field("automatic", shown.isAutomatic(n, a)).field("held", held(p, marks))
                                    .endObject();
                        }
                        w.endArray();
                    } else {
                        // apt-mark prints each name once, also when it is installed for several architectures.
                        listed.stream().map(p -> p.record().name()).distinct().forEach(out::println);
                    }
                    return 0;
                }
                case "auto", "manual", "hold", "unhold" -> {
                    if (packages.isEmpty()) {
                        throw new EngineException("mark " + action + " needs package names", "see 'peerget mark --help'");
                    }
                    List<InstalledPackage> chosen = new ArrayList<>();
                    List<String> messages = new ArrayList<>();
                    for (String spec : packages) {
                        int colon = spec.indexOf(':');
                        String name = colon > 0 ? spec.substring(0, colon) : spec;
                        List<InstalledPackage> matches = installed.stream().filter(p -> p.record().name().equals(name)
                                && (colon < 0 || p.record().arch().equals(spec.substring(colon + 1)))).toList();
                        if (matches.isEmpty()) {
                            throw new EngineException("package " + spec + " is not installed, so it cannot be marked",
                                    "check the name with 'peerget list --installed'");
                        }
                        chosen.addAll(matches);
                        messages.add(switch (action) {
                            case "auto" -> name + " set to automatically installed.";
                            case "manual" -> name + " set to manually installed.";
                            case "hold" -> name + " set on hold.";
                            default -> "Canceled hold on " + name + ".";
                        });
                    }
                    if (action.equals("hold") || action.equals("unhold")) {
                        // Also dpkg's selection, as apt-mark does: apt and dpkg then respect the hold too.
                        engine.setHeld(chosen, action.equals("hold"));
                    } else {
                        for (InstalledPackage p : chosen) {
                            marks = marks.withAutomatic(p.record().name(), p.record().arch(), action.equals("auto"));
                        }
                        store.write(marks);
                    }
                    messages.forEach(out::println);
                    return 0;
                }
                default -> throw new EngineException("unknown mark action '" + action + "'",
                        "use auto, manual, hold, unhold, showauto, showmanual or showhold");
            }
        }
    }

    /** Held by dpkg's selection (what apt-mark hold sets) or by peerget's own marks. */
    private static boolean held(InstalledPackage p, PackageMarks marks) {
        return p.held() || marks.held().contains(PackageMarks.key(p.record().name(), p.record().arch()));
    }
}
