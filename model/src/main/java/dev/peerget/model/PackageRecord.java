package dev.peerget.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything peerget knows about one package build, from a repository index or the installed-package
 * database. Relations keep the format's full semantics; see {@link RelationKind} and {@link Requirement}.
 *
 * @param id            name, version, architecture
 * @param format        Debian or RPM
 * @param summary       one-line description (Debian: first line of Description, RPM: Summary)
 * @param description   long description without the summary line, may be empty
 * @param section       Debian Section or RPM Group, empty when unknown
 * @param priority      Debian Priority (required, important, standard, optional, extra), empty for RPM
 * @param essential     Debian {@code Essential: yes} (or {@code Protected: yes}); never removed implicitly
 * @param multiArch     Debian Multi-Arch, {@link MultiArch#NO} for RPM
 * @param relations     dependency-like relations in field order; a {@link DeferredRelations} is kept as it is
 * @param provides      provided capabilities (not including the package's own name)
 * @param files         file paths the index lists for the package (RPM file provides), may be empty
 * @param size          size of the package file in bytes, 0 when unknown (installed packages)
 * @param installedSize installed size in bytes, 0 when unknown
 * @param location      path of the package file relative to the repository base, empty when not downloadable
 * @param checksums     expected digests of the package file
 * @param source        source package name (Debian Source, RPM sourcerpm), empty when unknown
 * @param maintainer    Debian Maintainer or RPM Packager, empty when unknown
 * @param homepage      Homepage / URL, empty when unknown
 * @param license       RPM License, empty for Debian
 */
public record PackageRecord(
        PackageId id,
        PackageFormat format,
        String summary,
        String description,
        String section,
        String priority,
        boolean essential,
        MultiArch multiArch,
        List<Relation> relations,
        List<Provide> provides,
        List<String> files,
        long size,
        long installedSize,
        String location,
        List<Checksum> checksums,
        String source,
        String maintainer,
        String homepage,
        String license) {

    public PackageRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(format, "format");
        summary = Objects.requireNonNullElse(summary, "");
        description = Objects.requireNonNullElse(description, "");
        section = Objects.requireNonNullElse(section, "");
        priority = Objects.requireNonNullElse(priority, "");
        multiArch = Objects.requireNonNullElse(multiArch, MultiArch.NO);
        relations = relations instanceof DeferredRelations ? relations : List.copyOf(relations);
        provides = List.copyOf(provides);
        files = List.copyOf(files);
        location = Objects.requireNonNullElse(location, "");
        checksums = List.copyOf(checksums);
        source = Objects.requireNonNullElse(source, "");
        maintainer = Objects.requireNonNullElse(maintainer, "");
        homepage = Objects.requireNonNullElse(homepage, "");
        license = Objects.requireNonNullElse(license, "");
        if (size < 0 || installedSize < 0) {
            throw new IllegalArgumentException("negative size for " + id);
        }
    }

    public String name() {
        return id.name();
    }

    public String version() {
        return id.version();
    }

    public String arch() {
        return id.arch();
    }

    /** Relations of one kind, in field order. */
    public List<Relation> relations(RelationKind kind) {
        if (relations instanceof DeferredRelations d) {
            return d.ofKind(kind);
        }
        List<Relation> out = new ArrayList<>();
        for (Relation r : relations) {
            if (r.kind() == kind) {
                out.add(r);
            }
        }
        return out;
    }

    /** This package with {@code newFiles} as its file list (yum's filelists replacing primary's subset). */
    public PackageRecord withFiles(List<String> newFiles) {
        return new PackageRecord(id, format, summary, description, section, priority, essential, multiArch,
                relations, provides, newFiles, size, installedSize, location, checksums, source, maintainer,
                homepage, license);
    }

    /** The strongest checksum, or null when the index gave none. */
    public Checksum strongestChecksum() {
        Checksum best = null;
        for (Checksum c : checksums) {
            if (best == null || c.algorithm().compareTo(best.algorithm()) > 0) {
                best = c;
            }
        }
        return best;
    }

    /**
     * The checksum the package file is verified with: SHA-256 when the index gives one, else the strongest (which
     * the caller refuses unless it is SHA-512), or null when the index gave none. SHA-256 rather than SHA-512 when
     * both are given (apt-ftparchive and reprepro publish both; Debian's archive and createrepo_c SHA-256 alone):
     * both are secure, and on CPUs with SHA instructions Java 17 computes SHA-256 with 2.3 times less CPU
     * (docs/fetch-benchmarks.md), which every fetched byte pays.
     */
    public Checksum verificationChecksum() {
        for (Checksum c : checksums) {
            if (c.algorithm() == HashAlgorithm.SHA256) {
                return c;
            }
        }
        return strongestChecksum();
    }

    public static Builder builder(PackageFormat format, String name, String version, String arch) {
        return new Builder(format, new PackageId(name, version, arch));
    }

    /** Mutable builder used by parsers; not thread-safe. */
    public static final class Builder {
        private final PackageFormat format;
        private PackageId id;
        private String summary = "";
        private String description = "";
        private String section = "";
        private String priority = "";
        private boolean essential;
        private MultiArch multiArch = MultiArch.NO;
        private final List<Relation> relations = new ArrayList<>();
        private DeferredRelations deferred;
        private final List<Provide> provides = new ArrayList<>();
        private final List<String> files = new ArrayList<>();
        private long size;
        private long installedSize;
        private String location = "";
        private final List<Checksum> checksums = new ArrayList<>();
        private String source = "";
        private String maintainer = "";
        private String homepage = "";
        private String license = "";

        private Builder(PackageFormat format, PackageId id) {
            this.format = format;
            this.id = id;
        }

        public Builder id(PackageId value) { this.id = value; return this; }
        public Builder summary(String value) { this.summary = value; return this; }
        public Builder description(String value) { this.description = value; return this; }
        public Builder section(String value) { this.section = value; return this; }
        public Builder priority(String value) { this.priority = value; return this; }
        public Builder essential(boolean value) { this.essential = value; return this; }
        public Builder multiArch(MultiArch value) { this.multiArch = value; return this; }
        public Builder relation(Relation value) { undefer(); this.relations.add(value); return this; }
        /** Adds {@code values}; a {@link DeferredRelations} given as the only relations stays unparsed. */
        public Builder relations(List<Relation> values) {
            if (values instanceof DeferredRelations d && deferred == null && relations.isEmpty()) {
                deferred = d;
            } else {
                undefer();
                relations.addAll(values);
            }
            return this;
        }

        /** Parses the deferred relations into the list, before more are added. */
        private void undefer() {
            if (deferred != null) {
                relations.addAll(deferred);
                deferred = null;
            }
        }
        public Builder provide(Provide value) { this.provides.add(value); return this; }
        public Builder provides(List<Provide> values) { this.provides.addAll(values); return this; }
        public Builder file(String value) { this.files.add(value); return this; }
        public Builder files(List<String> values) { this.files.addAll(values); return this; }
        public Builder size(long value) { this.size = value; return this; }
        public Builder installedSize(long value) { this.installedSize = value; return this; }
        public Builder location(String value) { this.location = value; return this; }
        public Builder checksum(Checksum value) { this.checksums.add(value); return this; }
        public Builder source(String value) { this.source = value; return this; }
        public Builder maintainer(String value) { this.maintainer = value; return this; }
        public Builder homepage(String value) { this.homepage = value; return this; }
        public Builder license(String value) { this.license = value; return this; }

        public PackageRecord build() {
            return new PackageRecord(id, format, summary, description, section, priority, essential, multiArch,
                    deferred != null ? deferred : relations, provides, files, size, installedSize, location,
                    checksums, source, maintainer, homepage, license);
        }
    }
}
