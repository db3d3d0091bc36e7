package dev.aiosim.schedulers.vtc;

import dev.aiosim.kernel.scheduler.CallView;
import java.util.ArrayDeque;

/**
 * One VTC client (a group or an agent): its virtual token counter, its waiting calls in arrival
 * order, and its place in the {@link ClientHeap} while it has waiting calls.
 */
final class VtcClient {
    final String name;
    final ArrayDeque<CallView> waiting = new ArrayDeque<>();
    /** Weighted tokens served so far, divided by the client's weight (VTC's c_u). */
    double counter;
    /** Index in the heap, -1 while the client has no waiting call. */
    int heapIndex = -1;

    VtcClient(String name) {
        this.name = name;
    }

    /** True while the client is backlogged (has waiting calls) and so sits in the heap. */
    boolean inHeap() {
        return heapIndex >= 0;
    }

    @Override
    public String toString() {
        return name + "(" + counter + ", " + waiting.size() + " waiting)";
    }
}
