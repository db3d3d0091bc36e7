package dev.aiosim.schedulers.vtc;

import dev.aiosim.kernel.scheduler.CallView;
import dev.aiosim.kernel.scheduler.Decision;
import dev.aiosim.kernel.scheduler.EngineView;
import dev.aiosim.kernel.scheduler.PolicyInfo;
import dev.aiosim.kernel.scheduler.Scheduler;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Virtual Token Counter (VTC) fair queuing, Algorithm 2 of Sheng et al., "Fairness in Serving
 * Large Language Models" (OSDI 2024). Each client (the agent's group, or the agent) has a counter
 * of the service it received: {@code w_p} per input token when one of its calls is admitted and
 * {@code w_q} per output token as the tokens are generated, divided by the agent's weight
 * (the paper's weighted VTC). When a slot is free, the earliest waiting call of the backlogged
 * client with the smallest counter is admitted; if it does not fit, nothing else is admitted
 * (the paper's "if can add new request" check; no skipping). When a client with no waiting
 * call gets one, its counter is lifted to {@code max(own, min over backlogged clients)}, or to
 * {@code max(own, counter of the client that left the queue last)} when no client is
 * backlogged, so that idle time cannot be banked as credit.
 *
 * <p>Departures from the paper: output tokens are charged at each decision (step boundary) and on
 * requeue and completion, rather than inside the decode loop; the counters live per engine
 * (the paper has one server); the paper has no preemption, so a call preempted for lack of KV
 * (the default vLLM victim, as in fifo) keeps its charges, is not charged its input again when
 * readmitted, and rejoins the head of its client's queue. A decision costs O(log c) per
 * admission in the c backlogged clients, plus O(batch) to charge the running calls' new tokens.
 */
public final class VtcScheduler implements Scheduler {
    /** What one VTC client is: the agent's group or the agent itself. */
    public enum ClientKey { GROUP, AGENT }

    /** The client an admitted call charges, and how many of its output tokens are charged so far. */
    private static final class Charge {
        final VtcClient client;
        int chargedOutput;

        Charge(VtcClient client, int chargedOutput) {
            this.client = client;
            this.chargedOutput = chargedOutput;
        }
    }

    private final ClientKey key;
    private final double inputWeight;
    private final double outputWeight;
    private final Map<String, VtcClient> byGroup = new HashMap<>();
    private final Map<Long, VtcClient> byAgent = new HashMap<>();
    private final Map<CallView, Charge> charges = new HashMap<>();
    private final ClientHeap backlogged = new ClientHeap();
    private VtcClient lastLeft;
    private int size;

    /**
     * @param key whether a client is a group or an agent
     * @param inputWeight w_p, charged per prompt token at admission
     * @param outputWeight w_q, charged per generated token
     */
    public VtcScheduler(ClientKey key, double inputWeight, double outputWeight) {
        this.key = key;
        this.inputWeight = inputWeight;
        this.outputWeight = outputWeight;
    }

    @Override
    public PolicyInfo info() {
        return VtcProvider.INFO;
    }

    private VtcClient clientOf(CallView call) {
        return key == ClientKey.GROUP
                ? byGroup.computeIfAbsent(call.group(), VtcClient::new)
                : byAgent.computeIfAbsent(call.agentPid(), pid -> new VtcClient("agent-" + pid));
    }

    @Override
    public void enqueue(CallView call, long now) {
        VtcClient c = clientOf(call);
        lift(c);
        c.waiting.addLast(call);
        join(c);
    }

    @Override
    public void requeue(CallView call, long now) {
        Charge ch = charges.get(call);
        VtcClient c = ch != null ? ch.client : clientOf(call);
        if (ch != null) {
            chargeOutput(ch, call);
        }
        lift(c);
        c.waiting.addFirst(call);
        join(c);
    }

    /** The counter lift of a client that becomes backlogged: it cannot bank the time it was idle. */
    private void lift(VtcClient c) {
        if (c.inHeap()) {
            return;
        }
        VtcClient min = backlogged.peek();
        if (min != null) {
            c.counter = Math.max(c.counter, min.counter);
        } else if (lastLeft != null && lastLeft != c) {
            c.counter = Math.max(c.counter, lastLeft.counter);
        }
    }

    private void join(VtcClient c) {
        size++;
        if (c.inHeap()) {
            backlogged.update(c); // its head may have changed (a requeued call goes first)
        } else {
            backlogged.add(c);
        }
    }

    @Override
    public boolean remove(CallView call, long now) {
        VtcClient c = key == ClientKey.GROUP ? byGroup.get(call.group()) : byAgent.get(call.agentPid());
        if (c == null || !c.inHeap()) {
            return false;
        }
        CallView head = c.waiting.peekFirst();
        if (!c.waiting.remove(call)) {
            return false;
        }
        size--;
        charges.remove(call);
        if (c.waiting.isEmpty()) {
            backlogged.remove(c);
        } else if (head == call) {
            backlogged.update(c);
        }
        return true;
    }

    @Override
    public int queued() {
        return size;
    }

    @Override
    public void decide(EngineView engine, long now, Decision decision) {
        var running = engine.running();
        for (int i = 0, n = running.size(); i < n; i++) {
            CallView r = running.get(i);
            Charge ch = charges.get(r);
            if (ch != null) {
                chargeOutput(ch, r);
            }
        }
        VtcClient c;
        while ((c = backlogged.peek()) != null) {
            CallView call = c.waiting.peekFirst();
            if (!decision.canAdmit(call)) {
                return;
            }
            c.waiting.pollFirst();
            size--;
            decision.admit(call);
            Charge ch = charges.get(call);
            if (ch == null) { // first admission: charge the prompt (a readmission after preemption is not charged again)
                charges.put(call, new Charge(c, call.generatedTokens()));
                c.counter += inputWeight * call.promptTokens() / call.weight();
            }
            if (c.waiting.isEmpty()) {
                backlogged.remove(c);
                lastLeft = c;
            } else {
                backlogged.update(c);
            }
        }
    }

    private void chargeOutput(Charge ch, CallView call) {
        int generated = call.generatedTokens();
        int fresh = generated - ch.chargedOutput;
        if (fresh > 0) {
            ch.chargedOutput = generated;
            VtcClient c = ch.client;
            c.counter += outputWeight * fresh / call.weight();
            if (c.inHeap()) {
                backlogged.update(c);
            }
        }
    }

    @Override
    public void completed(CallView call, long now) {
        Charge ch = charges.remove(call);
        if (ch != null) {
            chargeOutput(ch, call);
        }
    }

    /** Every client's counter by name, for tests and reports. */
    public Map<String, Double> counters() {
        Map<String, Double> m = new TreeMap<>();
        byGroup.values().forEach(c -> m.put(c.name, c.counter));
        byAgent.values().forEach(c -> m.put(c.name, c.counter));
        return m;
    }
}
