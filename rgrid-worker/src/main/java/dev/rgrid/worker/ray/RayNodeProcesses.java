package dev.rgrid.worker.ray;

import java.util.ArrayList;
import java.util.List;

/**
 * The processes of a Ray node on this machine, found by its raylet's node manager port (Ray puts it on the raylet's
 * command line), to stop the node as a machine that goes away: the raylet and every process under it.
 */
public final class RayNodeProcesses {
    private RayNodeProcesses() {}

    /** The raylets serving on this node manager port (one, or none when the node is gone). */
    public static List<ProcessHandle> raylets(int nodeManagerPort) {
        String flag = "--node_manager_port=" + nodeManagerPort;
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(c -> c.contains("raylet")
                && (c.contains(flag + " ") || c.endsWith(flag))).orElse(false)).toList();
    }

    /** Whether a raylet serves on this port. */
    public static boolean alive(int nodeManagerPort) {
        return !raylets(nodeManagerPort).isEmpty();
    }

    /** Kills the node's raylet and everything under it at once ({@code kill -9}); returns how many processes it killed. */
    public static int kill(int nodeManagerPort) {
        int killed = 0;
        for (ProcessHandle raylet : raylets(nodeManagerPort)) {
            List<ProcessHandle> tree = new ArrayList<>(raylet.descendants().toList());
            tree.add(raylet);
            for (ProcessHandle p : tree) {
                if (p.destroyForcibly()) killed++;
            }
        }
        return killed;
    }
}
