package dev.aiosim.cli.cluster;

import dev.aiosim.cli.spec.SpecException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * What aiosim's members and clients agree on: the cluster's name, the executor's name, the
 * member attribute that says how many runs a worker takes at once, and quiet Hazelcast settings
 * (no phone-home, no logging, no multicast). Also parses {@code HOST:PORT[,...]} lists.
 */
public final class ClusterSettings {
    /** Hazelcast cluster name of aiosim workers. */
    static final String CLUSTER = "aiosim";
    /** The executor the runs go to. */
    static final String EXECUTOR = "aiosim-runs";
    /** Member attribute: the worker's --jobs. */
    static final String JOBS = "aiosim.jobs";
    /** Default member port (Hazelcast's). */
    static final int DEFAULT_PORT = 5701;

    private ClusterSettings() {}

    /**
     * Silences Hazelcast's own logging for this JVM (some lines, like the warning about Java
     * modules, are logged before a configuration is read); call before any Hazelcast class starts.
     */
    static void quiet() {
        System.setProperty("hazelcast.logging.type", "none");
        System.setProperty("hazelcast.phone.home.enabled", "false");
    }

    /** Properties for members and clients: no phone-home, no logging. */
    static String[][] properties() {
        return new String[][] {{"hazelcast.phone.home.enabled", "false"}, {"hazelcast.logging.type", "none"},
            {"hazelcast.shutdownhook.enabled", "false"}};
    }

    /**
     * {@code HOST:PORT[,...]} (port optional, default {@value #DEFAULT_PORT}) as {@code host:port} strings.
     *
     * @param flag how messages name the option
     */
    public static List<String> addresses(String flag, String list) {
        List<String> out = new ArrayList<>();
        for (String part : list.split(",", -1)) {
            String a = part.trim();
            if (a.isEmpty()) {
                throw new SpecException(flag + " " + list + ": expected HOST:PORT[,HOST:PORT...], got an empty address");
            }
            int colon = a.lastIndexOf(':');
            String host = colon < 0 ? a : a.substring(0, colon);
            int port = DEFAULT_PORT;
            if (colon >= 0) {
                port = port(flag + " " + list, a.substring(colon + 1));
            }
            if (host.isEmpty()) {
                throw new SpecException(flag + " " + list + ": expected HOST:PORT, got '" + a + "'");
            }
            out.add(host + ":" + port);
        }
        return out;
    }

    /** A port number from 1 to 65535. */
    public static int port(String flag, String text) {
        try {
            int p = Integer.parseInt(text.trim());
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new SpecException(flag + ": expected a port from 1 to 65535, got '" + text + "'");
    }

    /** Whether every address's host is this machine's loopback (then members bind to 127.0.0.1 only). */
    static boolean loopback(List<String> addresses) {
        for (String a : addresses) {
            try {
                if (!InetAddress.getByName(a.substring(0, a.lastIndexOf(':'))).isLoopbackAddress()) {
                    return false;
                }
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return true;
    }
}
