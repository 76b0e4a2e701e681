package dev.peerget.cli.commands;

import dev.peerget.cli.JsonOption;
import dev.peerget.cli.PeergetCommand;
import dev.peerget.cli.render.JsonWriter;
import dev.peerget.cli.render.PackageJson;
import dev.peerget.cli.render.PackageText;
import dev.peerget.engine.EngineException;
import dev.peerget.engine.Peerget;
import dev.peerget.engine.query.AvailablePackage;
import dev.peerget.model.InstalledPackage;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code show PKG…} / {@code info PKG…}: every available version of each package, in full. */
@Command(name = "show", mixinStandardHelpOptions = true, versionProvider = dev.peerget.cli.VersionProvider.class, aliases = "info",
        description = "Show every available version of each PKG in full (like apt-cache show and dnf info). "
                + "A package no repository offers is shown from the installed-package database.")
public final class ShowCommand implements Callable<Integer> {
    @ParentCommand
    PeergetCommand parent;

    @Mixin
    JsonOption json;

    @Parameters(arity = "1..*", paramLabel = "PKG", description = "Package names.")
    List<String> names;

    @Override
    public Integer call() {
        PrintWriter out = parent.invocation().console().out();
        try (Peerget engine = parent.invocation().engine()) {
            List<AvailablePackage> found = new ArrayList<>();
            List<InstalledPackage> localOnly = new ArrayList<>();
            for (String name : names) {
                try {
                    found.addAll(engine.queries().show(name));
                } catch (EngineException e) {
                    List<InstalledPackage> installed = engine.queries().installed(name);
                    if (installed.isEmpty()) {
                        throw e;
                    }
                    localOnly.addAll(installed);
                }
            }
            if (json.enabled()) {
                JsonWriter w = new JsonWriter(out).beginArray();
                found.forEach(p -> PackageJson.full(w, p));
                localOnly.forEach(p -> PackageJson.full(w, p.record(), "installed", ""));
                w.endArray();
            } else {
                found.forEach(p -> PackageText.show(out, p));
                localOnly.forEach(p -> PackageText.show(out, p));
            }
            return 0;
        }
    }
}
