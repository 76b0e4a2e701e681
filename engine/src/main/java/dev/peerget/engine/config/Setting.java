package dev.peerget.engine.config;

/**
 * Every key {@code peerget.conf} accepts, with its default and documentation; the peerget.conf(5) man page
 * is generated from this list, so a key is documented exactly when it exists.
 */
public enum Setting {
    ARCHITECTURE("architecture", "",
            "Debian architecture of the system (amd64, arm64, ...). Empty means the architecture dpkg reports, "
            + "or the JVM's when dpkg is absent. RPM repositories use the matching base architecture "
            + "(x86_64, aarch64, ...) for $basearch."),
    FOREIGN_ARCHITECTURES("foreign_architectures", "",
            "Further Debian architectures whose Packages indexes are fetched, separated by spaces or commas. "
            + "Unset means the ones dpkg --add-architecture recorded under the root, as for apt."),
    RELEASEVER("releasever", "",
            "Value of $releasever in .repo files. Empty means VERSION_ID from etc/os-release under the root."),
    TIMEOUT("timeout", "30",
            "Seconds allowed to connect to a mirror, and the longest time a transfer may make no progress."),
    RETRIES("retries", "3", "Further attempts after a transient network failure (connection error, HTTP 5xx)."),
    CHECK_VALID_UNTIL("check_valid_until", "true",
            "Refuse apt indexes whose Valid-Until date has passed (apt's Acquire::Check-Valid-Until)."),
    INDEX_COMPRESSION("index_compression", "gz xz zst bz2",
            "Order in which compressed variants of an index are preferred when the repository offers several "
            + "(gz decompresses fastest, xz is smallest). The uncompressed file is the last resort."),
    PACKAGE_FORMAT("package_format", "auto",
            "Which packages install, remove and upgrade work on: deb, rpm, or auto (the format of the installed "
            + "database under the root: dpkg's if it has packages, else rpm's; else the only format with "
            + "repositories)."),
    INSTALL_RECOMMENDS("install_recommends", "true",
            "Install recommended packages (apt's Recommends, dnf's weak dependencies) along with what is "
            + "requested, as apt and dnf do by default; --no-install-recommends turns it off for one command. "
            + "When it is not set here, APT::Install-Recommends in apt.conf or install_weak_deps in dnf.conf "
            + "decides, as for apt and dnf."),
    CACHEONLY("cacheonly", "false",
            "Run from what is stored alone, as dnf's cacheonly: metadata older than a yum repository's "
            + "metadata_expire is used rather than refreshed, update is refused, and no package is downloaded "
            + "(a transaction needs every package file in the package cache already). -C turns it on for one "
            + "command."),
    DPKG_DECOMPRESS_AHEAD("dpkg_decompress_ahead", "true",
            "Before dpkg unpacks the fetched .deb files, decompress their data in parallel, one file per CPU, into "
            + "copies whose data member is an uncompressed data.tar (deb(5)); dpkg then installs from the copies "
            + "and no longer decompresses each package on one core, one after the other. The copies hold exactly "
            + "what dpkg-deb --fsys-tarfile gives for the originals and are deleted when the transaction ends. "
            + "Skipped when the free space under /var/lib/peerget would not hold them. Off: dpkg gets the fetched "
            + "files as they are, as with apt."),
    SOLVER_TIMEOUT("solver_timeout", "30", "Seconds the dependency solver may take before it gives up."),
    MAX_INDEX_SIZE("max_index_size", "1073741824",
            "Largest accepted size in bytes of a file whose size the signed index does not state "
            + "(InRelease, repomd.xml): a defence against endless data."),
    TORRENT("torrent", "true",
            "Fetch packages from the BitTorrent swarm of repositories that publish a torrent in their signed "
            + "index. Off: every package comes from the mirror over HTTP, as with apt and dnf."),
    LISTEN_INTERFACES("listen_interfaces", "0.0.0.0:6881,[::]:6881",
            "Addresses and ports the torrent engine listens on (libtorrent's listen_interfaces); port 0 picks a "
            + "free port. With a fixed first port, a fetch that finds peers through trackers alone announces it "
            + "while the engine starts, so that clients starting together see each other at once."),
    DHT("dht", "true", "Find peers through the BitTorrent DHT as well as the torrent's trackers."),
    LOCAL_PEER_DISCOVERY("local_peer_discovery", "true",
            "Find peers on the local network (BEP 14 multicast) as well as through the torrent's trackers."),
    PEERS("peers", "",
            "Peers to connect to directly (host:port, separated by spaces or commas), e.g. a machine on the LAN "
            + "that seeds the same repositories."),
    SWARM_WAIT("swarm_wait", "3s",
            "How long the swarm alone gets before the torrent engine also fetches from the mirror, by byte "
            + "ranges, the pieces that no connected peer has (sooner once a peer has been connected for a "
            + "second). With dht and local_peer_discovery off and no peers set, a tracker that knows nobody "
            + "sends the files to the mirror at once."),
    SWARM_MIN_RATE("swarm_min_rate", "262144",
            "Bytes per second below which (after swarm_wait) idle HTTP connections take whole files away from "
            + "the swarm, one at a time, when its peers are gone or have sent nothing for 10 s, so a stuck swarm "
            + "never makes the user wait."),
    HTTP_CONNECTIONS("http_connections", "4", "Parallel HTTP transfers from the mirrors."),
    SEED("seed", "true",
            "After an install that fetched from a torrent, keep seeding the fetched packages in a background "
            + "process until seed_ratio or seed_time is reached. Off: never seed."),
    SEED_RATIO("seed_ratio", "1.0",
            "Stop seeding a torrent once this many times the bytes fetched for it have been uploaded."),
    SEED_TIME("seed_time", "60m",
            "Stop seeding a torrent after this long (s, m, h suffixes; a bare number is seconds)."),
    UPLOAD_RATE_LIMIT("upload_rate_limit", "0",
            "Largest upload rate of the seeding process in bytes per second; 0 means no limit.");

    private final String key;
    private final String defaultValue;
    private final String description;

    Setting(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** The setting called {@code key}, or null. */
    public static Setting byKey(String key) {
        for (Setting s : values()) {
            if (s.key.equals(key)) {
                return s;
            }
        }
        return null;
    }
}
