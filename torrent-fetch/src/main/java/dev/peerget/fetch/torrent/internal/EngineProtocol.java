package dev.peerget.fetch.torrent.internal;

import java.util.Arrays;
import java.util.List;

/**
 * The line protocol between {@code EngineProcess} (parent) and {@link EngineMain} (child): one message per line,
 * UTF-8, fields separated by tabs, the first field naming the message. Fields never hold a tab or a line break:
 * paths with those are refused, free text has them replaced by spaces.
 *
 * <pre>
 * parent → child
 *   ADD      id  torrent-file  save-dir  indexes|*  peers|-   (indexes and peers comma-separated; peers host:port)
 *   STATUS   id
 *   STOP
 * child → parent
 *   READY     port                         session listening (the TCP port actually bound)
 *   ADDED     id  info-hash
 *   PROGRESS  id  peer-bytes  web-seed-bytes  wanted-done  wanted  state
 *   FILE      id  index                    a selected file is complete and its pieces verified
 *   FINISHED  id                           every selected file is complete
 *   ERROR     id|-  message
 *   STOPPED                                the session has shut down; the child exits next
 * </pre>
 */
public final class EngineProtocol {
    public static final String ADD = "ADD";
    public static final String STATUS = "STATUS";
    public static final String STOP = "STOP";
    public static final String READY = "READY";
    public static final String ADDED = "ADDED";
    public static final String PROGRESS = "PROGRESS";
    public static final String FILE = "FILE";
    public static final String FINISHED = "FINISHED";
    public static final String ERROR = "ERROR";
    public static final String STOPPED = "STOPPED";
    /** Stands for "every file" in ADD and for "no torrent" in ERROR. */
    public static final String ALL = "*";
    public static final String NONE = "-";

    private EngineProtocol() {}

    public static String line(String... fields) {
        for (String field : fields) {
            if (field.indexOf('\t') >= 0 || field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("tab or line break in protocol field: " + field);
            }
        }
        return String.join("\t", fields);
    }

    /** Free text (an error message) made safe for one field. */
    public static String text(String message) {
        return (message == null || message.isBlank() ? "unknown error" : message).replaceAll("[\t\r\n]+", " ");
    }

    public static List<String> fields(String line) {
        return Arrays.asList(line.split("\t", -1));
    }
}
