package dev.aiosim.cli.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.List;

/**
 * An aiosim worker: a Hazelcast member of the cluster {@value ClusterSettings#CLUSTER} that
 * runs up to {@code jobs} sweep runs at once. It joins the other members by TCP-IP at the
 * addresses given (never multicast), listens on {@code port}, and keeps Hazelcast quiet (no
 * phone-home, no logging).
 */
public final class Worker implements AutoCloseable {
    private final HazelcastInstance member;

    private Worker(HazelcastInstance member) {
        this.member = member;
    }

    /**
     * Starts a member.
     *
     * @param join the members to join ({@code host:port}); may name this member itself
     * @param port the port to listen on
     * @param address the interface to bind and announce, or null: 127.0.0.1 when every join
     *     address is loopback, else Hazelcast's choice
     * @param jobs runs at once
     */
    public static Worker start(List<String> join, int port, String address, int jobs) {
        ClusterSettings.quiet();
        Config config = new Config();
        config.setClusterName(ClusterSettings.CLUSTER);
        for (String[] p : ClusterSettings.properties()) {
            config.setProperty(p[0], p[1]);
        }
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "15");
        // a worker cluster is small: join within seconds rather than Hazelcast's 5 to 20
        config.setProperty("hazelcast.wait.seconds.before.join", "1");
        config.setProperty("hazelcast.max.wait.seconds.before.join", "3");
        NetworkConfig net = config.getNetworkConfig();
        net.setPort(port).setPortAutoIncrement(false);
        String bind = address != null ? address : ClusterSettings.loopback(join) ? "127.0.0.1" : null;
        if (bind != null) {
            net.getInterfaces().setEnabled(true).addInterface(bind);
            config.setProperty("hazelcast.socket.bind.any", "false");
        }
        JoinConfig j = net.getJoin();
        j.getMulticastConfig().setEnabled(false);
        j.getAutoDetectionConfig().setEnabled(false);
        j.getTcpIpConfig().setEnabled(true).setMembers(join);
        config.getExecutorConfig(ClusterSettings.EXECUTOR).setPoolSize(jobs);
        config.getMemberAttributeConfig().setAttribute(ClusterSettings.JOBS, Integer.toString(jobs));
        return new Worker(Hazelcast.newHazelcastInstance(config));
    }

    /** This member's address, {@code host:port}. */
    public String address() {
        var a = member.getCluster().getLocalMember().getAddress();
        return a.getHost() + ":" + a.getPort();
    }

    /** Members of the cluster now, this one included. */
    public int members() {
        return member.getCluster().getMembers().size();
    }

    @Override
    public void close() {
        member.shutdown();
    }
}
