package dev.peerget.fetch.torrent.internal;

import org.libtorrent4j.SessionParams;
import org.libtorrent4j.SettingsPack;
import org.libtorrent4j.swig.address;
import org.libtorrent4j.swig.error_code;
import org.libtorrent4j.swig.ip_filter;
import org.libtorrent4j.swig.settings_pack;

/**
 * The settings the engine's session starts with, and the peer class filter that puts every address under the
 * session rate limits. Which alerts the session posts is {@link AlertSettings}.
 */
final class SessionSettings {
    /** libtorrent's {@code session_handle::global_peer_class_id}, the class the session rate limits apply to. */
    private static final int GLOBAL_PEER_CLASS = 0;

    private SessionSettings() {
    }

    /**
     * The parameters to start the session with.
     *
     * @param local loopback and LAN peers only: no DHT, LSD, UPnP or NAT-PMP, several connections per IP, TCP only
     */
    static SessionParams of(String listenInterfaces, boolean local) {
        SettingsPack settings = new SettingsPack().listenInterfaces(listenInterfaces);
        // A leecher that finished its selection keeps its connections to seeds. libtorrent would hang up on them,
        // and then wait min_reconnect_time (60 s) before connecting to them again, which stalls a selection that
        // grows (ADD again). The cost is idle connections until inactivity_timeout (600 s); a CLI's engine is gone
        // long before.
        settings.setBoolean(settings_pack.bool_types.close_redundant_connections.swigValue(), false);
        if (local) {
            settings.setEnableDht(false);
            settings.setEnableLsd(false);
            settings.setDhtBootstrapNodes("");
            settings.setBoolean(settings_pack.bool_types.enable_upnp.swigValue(), false);
            settings.setBoolean(settings_pack.bool_types.enable_natpmp.swigValue(), false);
            settings.setBoolean(settings_pack.bool_types.allow_multiple_connections_per_ip.swigValue(), true);
            // TCP only. uTP's delay-based congestion control is for sharing a home uplink; on loopback under CPU
            // load a uTP connection stalled for seconds with its send window full, so one of two seeders sent
            // an eighth of what the other did.
            settings.setBoolean(settings_pack.bool_types.enable_outgoing_utp.swigValue(), false);
            settings.setBoolean(settings_pack.bool_types.enable_incoming_utp.swigValue(), false);
        }
        SessionParams params = new SessionParams(settings);
        // libtorrent's default mmap disk I/O crashed JVMs here; POSIX I/O (pread/pwrite) did not.
        params.setPosixDiskIO();
        return params;
    }

    /**
     * libtorrent puts loopback and LAN addresses in its "local" peer class, which the session rate limits do not
     * cover. A user's LIMITS mean this machine's traffic, and the tests can only show a limit on loopback, so
     * every address goes to the global class.
     */
    static ip_filter everyoneGlobal() {
        ip_filter filter = new ip_filter();
        error_code ec = new error_code();
        filter.add_rule(address.from_string("0.0.0.0", ec), address.from_string("255.255.255.255", ec),
                1L << GLOBAL_PEER_CLASS);
        filter.add_rule(address.from_string("::", ec),
                address.from_string("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", ec), 1L << GLOBAL_PEER_CLASS);
        return filter;
    }
}
