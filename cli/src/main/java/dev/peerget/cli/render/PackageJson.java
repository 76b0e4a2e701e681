package dev.peerget.cli.render;

import dev.peerget.engine.query.AvailablePackage;
import dev.peerget.model.Checksum;
import dev.peerget.model.PackageRecord;
import dev.peerget.model.Provide;
import dev.peerget.model.Relation;
import dev.peerget.model.RelationKind;
import java.util.List;
import java.util.Locale;

/** Writes packages as JSON objects for {@code --json}. */
public final class PackageJson {
    private PackageJson() {
    }

    /** The full object used by {@code show --json}. */
    public static void full(JsonWriter json, PackageRecord r, String repository, String component) {
        json.beginObject();
        brief(json, r);
        json.field("format", r.format().id())
                .field("repository", repository)
                .field("component", component)
                .field("description", r.description())
                .field("section", r.section())
                .field("priority", r.priority())
                .field("essential", r.essential())
                .field("multi_arch", r.multiArch().name().toLowerCase(Locale.ROOT))
                .field("size", r.size())
                .field("installed_size", r.installedSize())
                .field("location", r.location())
                .field("source", r.source())
                .field("maintainer", r.maintainer())
                .field("homepage", r.homepage())
                .field("license", r.license());
        json.name("checksums").beginObject();
        for (Checksum c : r.checksums()) {
            json.field(c.algorithm().name().toLowerCase(Locale.ROOT), c.hex());
        }
        json.endObject();
        json.name("provides").beginArray();
        for (Provide p : r.provides()) {
            json.value(p.toString());
        }
        json.endArray();
        json.name("relations").beginObject();
        for (RelationKind kind : RelationKind.values()) {
            List<Relation> rel = r.relations(kind);
            if (!rel.isEmpty()) {
                json.name(kind.name().toLowerCase(Locale.ROOT)).beginArray();
                rel.forEach(x -> json.value(x.text()));
                json.endArray();
            }
        }
        json.endObject();
        json.endObject();
    }

    /** name, version, arch and summary: enough for listings. */
    public static void brief(JsonWriter json, PackageRecord r) {
        json.field("name", r.name()).field("version", r.version()).field("arch", r.arch())
                .field("summary", r.summary());
    }

    public static void full(JsonWriter json, AvailablePackage p) {
        full(json, p.record(), p.origin(), p.component());
    }
}
