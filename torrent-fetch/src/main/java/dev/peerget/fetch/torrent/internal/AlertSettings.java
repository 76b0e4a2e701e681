package dev.peerget.fetch.torrent.internal;

import org.libtorrent4j.SettingsPack;
import org.libtorrent4j.swig.alert;
import org.libtorrent4j.swig.alert_category_t;
import org.libtorrent4j.swig.settings_pack;

/**
 * Which alerts the engine's session posts, and how many it queues.
 *
 * <p>libtorrent4j's {@code SessionManager} asks for every category but the logs, block and piece progress included:
 * two alerts per 16 KiB block, about 13,000 for a 106 MB fetch that takes half a second on loopback. libtorrent drops
 * what does not fit in its queue (2,000 alerts by default), whatever the type, and a dropped file_completed_alert was
 * a file the fetch never took from the swarm. The engine reads only errors, status, storage, tracker and file
 * progress alerts; everything else is left unposted. {@link EngineTorrent#sweep} covers what is still lost.
 */
final class AlertSettings {
    /** Room for bursts of file completions and tracker replies of many torrents; a few bytes an alert. */
    static final int QUEUE_SIZE = 20_000;

    private AlertSettings() {
    }

    /**
     * The settings to apply once the session is started (libtorrent4j sets its own mask at the start).
     *
     * @param logged an alert log is kept: every category but block progress, logs included (diagnostics)
     */
    static SettingsPack of(boolean logged) {
        alert_category_t mask = logged
                ? alert.all_categories.and_(alert.block_progress_notification.inv())
                : alert.error_notification.or_(alert.status_notification).or_(alert.storage_notification)
                        .or_(alert.tracker_notification).or_(alert.file_progress_notification);
        return new SettingsPack()
                .setInteger(settings_pack.int_types.alert_mask.swigValue(), mask.to_int())
                .setInteger(settings_pack.int_types.alert_queue_size.swigValue(), QUEUE_SIZE);
    }
}
