package org.powchain.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** What every live attack asks of the real nodes: their tips, heights, a transaction's confirmations. */
final class Attacks {
    private Attacks() {}

    /** The settings every attack takes: the confirmations waited for and the attacker's share. */
    static void checkSettings(int confirmations, double share) {
        if (confirmations < 1 || confirmations > 50) {
            throw new IllegalArgumentException("--confirmations must be 1..50");
        }
        if (!(share > 0 && share < 1)) {
            throw new IllegalArgumentException("--share must be between 0 and 1 (exclusive), not " + share);
        }
    }

    /** An honest miner, by the devnet's shares among the honest nodes (equal when none of them mines). */
    static int pickHonest(Devnet devnet, List<Integer> honest, java.util.SplittableRandom random) {
        List<Double> shares = devnet.miners().shares();
        return pick(honest, shares::get, random);
    }

    /** One of {@code among}, drawn by {@code weight} (equally when every weight is 0). */
    static int pick(List<Integer> among, java.util.function.IntToDoubleFunction weight, java.util.SplittableRandom random) {
        double total = among.stream().mapToDouble(weight::applyAsDouble).sum();
        double x = random.nextDouble() * (total > 0 ? total : among.size());
        for (int i : among) {
            x -= total > 0 ? weight.applyAsDouble(i) : 1;
            if (x < 0) {
                return i;
            }
        }
        return among.get(among.size() - 1);
    }

    /** The running nodes other than {@code outside}, by index: the honest side of an attack. */
    static List<Integer> runningExcept(NodeProcesses nodes, Integer... outside) {
        List<Integer> out = new java.util.ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (!List.of(outside).contains(i) && nodes.all().get(i).alive()) {
                out.add(i);
            }
        }
        return out;
    }

    static JsonNode summary(DevnetNode n) throws IOException {
        return LocalHttp.getOk(n.port(), "/api/v1/node");
    }

    static long height(DevnetNode n) throws IOException {
        return summary(n).path("height").asLong();
    }

    /** How many blocks of {@code n}'s main chain carry transaction {@code id} or follow the one that does; 0 if none. */
    static int confirmations(DevnetNode n, String id) throws IOException {
        LocalHttp.Reply r = LocalHttp.get(n.port(), "/api/v1/transactions/" + id);
        return r.ok() && r.json().path("status").asText().equals("confirmed") ? r.json().path("confirmations").asInt() : 0;
    }

    static JsonNode ok(LocalHttp.Reply r, String what) throws IOException {
        if (!r.ok()) {
            throw new IOException(what + " was refused: " + r.json());
        }
        return r.json();
    }

    /** The hashes of {@code n}'s main chain from height {@code from} to its tip, lowest first. */
    static List<String> mainChainHashes(DevnetNode n, long from) throws IOException {
        long tip = height(n);
        List<String> out = new java.util.ArrayList<>();
        for (long start = tip; start >= from; start -= 100) {
            long limit = Math.min(100, start - from + 1);
            for (JsonNode b : LocalHttp.getOk(n.port(), "/api/v1/blocks?start=" + start + "&limit=" + limit).path("blocks")) {
                out.add(b.path("hash").asText());
            }
        }
        java.util.Collections.reverse(out);
        return out;
    }

    /**
     * An honest block: {@code finder} mines it on the honest tip, which {@code observer} holds, and it
     * reaches {@code observer}. The finder first waits until it and the observer are on one tip: on a
     * busy machine relaying lags (either of them may be the one behind), and a finder still on the
     * block before would fork the honest chain into two branches of equal work, which nothing settles
     * once the attack stops mining (each node keeps the one it saw first).
     */
    static String mineHonest(Devnet devnet, int finder, DevnetNode observer, Duration deadline) throws IOException {
        if (finder != observer.index()) {
            awaitSameTip(devnet.nodes(), List.of(finder, observer.index()), deadline);
        }
        String block = devnet.mine(finder, 1).get(0);
        awaitTip(observer, block, deadline);
        return block;
    }

    /** Until {@code n}'s tip is {@code hash}. */
    static void awaitTip(DevnetNode n, String hash, Duration deadline) throws IOException {
        long end = System.nanoTime() + deadline.toNanos();
        while (!summary(n).path("tip").asText().equals(hash)) {
            if (System.nanoTime() > end) {
                JsonNode s = summary(n);
                throw new IOException(n.id() + " did not reach block " + hash + " within " + deadline.toSeconds() + " s: its tip is "
                        + s.path("tip").asText() + " at height " + s.path("height").asLong());
            }
            NodeProcesses.pause(20);
        }
    }

    /** Until the nodes {@code which} have one tip. */
    static void awaitSameTip(NodeProcesses nodes, List<Integer> which, Duration deadline) throws IOException {
        long end = System.nanoTime() + deadline.toNanos();
        while (which.stream().map(i -> {
            try {
                return summary(nodes.all().get(i)).path("tip").asText();
            } catch (IOException e) {
                return "down:" + i;
            }
        }).distinct().count() > 1) {
            if (System.nanoTime() > end) {
                throw new IOException("nodes " + which + " do not agree on a tip within " + deadline.toSeconds() + " s");
            }
            NodeProcesses.pause(20);
        }
    }
}
