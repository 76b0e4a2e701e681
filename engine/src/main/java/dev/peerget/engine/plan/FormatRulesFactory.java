package dev.peerget.engine.plan;

import dev.peerget.engine.config.Architectures;
import dev.peerget.model.FormatRules;
import dev.peerget.model.PackageFormat;
import dev.peerget.repo.deb.DebianRules;
import dev.peerget.repo.rpm.RpmRules;

/** The matching rules of a format, configured for this system's architectures. */
public final class FormatRulesFactory {
    private FormatRulesFactory() {
    }

    public static FormatRules rules(PackageFormat format, Architectures architectures) {
        return format == PackageFormat.DEB
                ? new DebianRules(architectures.nativeDeb())
                : RpmRules.withDnfDefaults();
    }
}
