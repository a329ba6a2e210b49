package org.powchain.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.powchain.sim.Literature;
import org.powchain.sim.SelfishMiningRule;

/**
 * {@code powchain devnet attack selfish}, played on the devnet's real nodes: the pool node withholds
 * the blocks it finds and publishes them as Eyal and Sirer's strategy says ({@link SelfishMiningRule},
 * the rule the simulator's pool follows), for a set number of blocks; then the run is settled and
 * counted from the nodes' chains, beside their closed form for the same α and γ.
 *
 * <p><b>Who hears what first.</b> For the attack every node is cut off from every other (a split
 * with one node a group), and the devnet carries each block itself, as a user's {@code /addblock}
 * (which no link fault touches): an honest block to every other node at once, including the pool
 * (Eyal and Sirer's pool hears at once); a block the pool publishes to every honest node. Each node
 * still decides for itself (most work wins; of two equal branches it keeps the one it saw first,
 * {@code BlockNode.beats}) and mines on its own tip. Who finds the next block is drawn by share from
 * the devnet's seed, as the miner schedule does: the pool with α, the honest nodes with the rest by
 * their shares, or equally when fewer than two of them mine ({@link #honestWeights}).
 *
 * <p><b>γ.</b> In a race (the honest network found a block while the pool was one ahead, and the
 * pool publishes its block at once) the devnet hands the pool's block first to a set of honest nodes
 * drawn afresh each race, and the honest block first to the rest: the honest nodes are taken in a
 * random order and added while their hashrate fits in γ of the honest hashrate, the next one with
 * the probability that makes the expected share exactly γ. The finder of the honest block always
 * mines on its own, so γ above 1 − (its share of the honest hashrate) cannot be reached. Whose block
 * the next honest block builds on is read from the block itself, and the run reports the γ it
 * realised (of the honest blocks found during a race, the share built on the pool's block), as the
 * simulator does.
 */
final class SelfishAttack {
    /** A run mines at most this many blocks (one more if a race is open at the end): a class waits seconds, not hours. */
    static final int MAX_BLOCKS = 200;
    /** Runs of Eyal and Sirer's model played for the spread of a run this long. */
    private static final int MODEL_RUNS = 4000;
    private static final Duration PROPAGATION = Duration.ofSeconds(60);

    private final Devnet devnet;
    private final int pool;
    private final double alpha;
    private final double gamma;
    private final int blocks;
    private final long seed;
    private final SplittableRandom random;
    private final List<String> steps = new ArrayList<>();
    private final SelfishMiningRule rule = new SelfishMiningRule();

    private DevnetNode p;
    private List<Integer> honest;
    /** Each honest node's weight in the honest hashrate: the devnet's shares, or equal ones (see {@link #honestWeights}). */
    private Map<Integer, Double> weight;
    /** The pool's blocks no honest node has been given yet, oldest first. */
    private final Deque<String> unpublished = new ArrayDeque<>();
    /** Each block mined in the attack: its height. */
    private final Map<String, Long> heights = new HashMap<>();
    private final Set<String> poolMined = new LinkedHashSet<>();
    private final Set<String> honestMined = new LinkedHashSet<>();
    /** Blocks as the wire carries them, by hash: fetched once from a node that has them. */
    private final Map<String, JsonNode> wire = new HashMap<>();
    /** The height of the longest chain the honest nodes have (as far as the pool knows). */
    private long publicHeight;
    /** The pool's block in a race of equal branches, while the race lasts. */
    private String racing;
    private int races;
    private int racesWonByPoolSide;

    SelfishAttack(Devnet devnet, int pool, double share, double gamma, int blocks, long seed) {
        if (!(share > 0 && share <= 0.5)) {
            throw new IllegalArgumentException("--share must be in (0, 0.5] (Eyal and Sirer's range), not " + share);
        }
        if (!(gamma >= 0 && gamma <= 1)) {
            throw new IllegalArgumentException("--gamma must be in [0, 1], not " + gamma);
        }
        if (blocks < 1 || blocks > MAX_BLOCKS) {
            throw new IllegalArgumentException("--blocks must be 1.." + MAX_BLOCKS);
        }
        if (devnet.size() < 2) {
            throw new IllegalArgumentException("selfish mining needs at least two nodes: the pool and an honest one");
        }
        this.devnet = devnet;
        this.pool = pool;
        this.alpha = share;
        this.gamma = gamma;
        this.blocks = blocks;
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    ObjectNode run() throws IOException {
        NodeProcesses nodes = devnet.nodes();
        p = nodes.up(pool);
        List<Integer> running = nodes.running();
        honest = running.stream().filter(i -> i != pool).toList();
        if (honest.isEmpty()) {
            throw new IllegalStateException("no honest node is running");
        }
        weight = honestWeights();
        Attacks.awaitSameTip(nodes, running, PROPAGATION);
        long startHeight = Attacks.height(p);
        publicHeight = startHeight;
        Map<Integer, Long> reorgsBefore = reorgs();
        List<List<Integer>> alone = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            alone.add(List.of(i));
        }
        devnet.split(alone);
        step("every node is cut off from every other: the devnet carries each block itself, so it decides who hears what"
                + " first; the pool " + p.id() + " (" + pct(alpha) + " of the hashrate) withholds what it finds, γ = " + gamma
                + "; the honest " + pct(1 - alpha) + " is " + describeWeights());

        int mined = 0;
        while (mined < blocks || racing != null) {
            if (random.nextDouble() < alpha) {
                poolFinds();
            } else {
                honestFinds(Attacks.pick(honest, weight::get, random));
            }
            mined++;
        }
        if (privateHeight() > publicHeight) {
            step("the run ends with " + p.id() + " " + (privateHeight() - publicHeight) + " ahead: it publishes its "
                    + unpublished.size() + " secret block" + plural(unpublished.size()) + ", and its branch wins");
            publishAll();
        }
        devnet.heal();
        Attacks.awaitSameTip(nodes, running, PROPAGATION);

        // what happened, counted from an honest node's chain
        DevnetNode judge = nodes.all().get(honest.get(0));
        List<String> main = Attacks.mainChainHashes(judge, startHeight + 1);
        long poolMain = main.stream().filter(poolMined::contains).count();
        long honestMain = main.stream().filter(honestMined::contains).count();
        int blocksMined = poolMined.size() + honestMined.size();
        Map<Integer, Long> reorgsAfter = reorgs();
        long reorgs = honest.stream().mapToLong(i -> reorgsAfter.getOrDefault(i, 0L) - reorgsBefore.getOrDefault(i, 0L)).sum();
        double revenue = main.isEmpty() ? 0 : (double) poolMain / main.size();
        double gammaRealised = races == 0 ? Double.NaN : (double) racesWonByPoolSide / races;
        step("settled: " + p.id() + " has " + poolMain + " of the " + main.size() + " main-chain blocks (" + round3(revenue)
                + ") with " + pct(alpha) + " of the hashrate; " + (blocksMined - main.size()) + " blocks went stale");

        ObjectNode out = LocalHttp.JSON.createObjectNode();
        out.put("attack", "selfish").put("pool", p.id()).put("share", alpha).put("gamma", gamma).put("blocks", blocks)
                .put("ledger", devnet.spec().ledger()).put("startHeight", startHeight)
                .put("blocksMined", blocksMined).put("poolBlocks", poolMined.size()).put("honestBlocks", honestMined.size())
                .put("mainChainBlocks", main.size()).put("poolMainChainBlocks", poolMain).put("honestMainChainBlocks", honestMain)
                .put("poolRevenueShare", round3(revenue)).put("staleBlocks", blocksMined - main.size())
                .put("stalePoolBlocks", poolMined.size() - poolMain).put("staleHonestBlocks", honestMined.size() - honestMain)
                .put("reorgs", reorgs).put("races", races).put("racesWonByPoolSide", racesWonByPoolSide);
        if (races > 0) {
            out.put("gammaRealised", round3(gammaRealised));
        } else {
            out.putNull("gammaRealised");
        }
        ArrayNode poolHashes = out.putArray("poolBlockHashes");
        poolMined.forEach(poolHashes::add);

        ObjectNode predicted = out.putObject("predicted");
        double[] spread = SelfishMiningRule.spread(alpha, gamma, blocks, MODEL_RUNS, seed);
        predicted.put("closedForm", round3(Literature.selfishMiningRevenue(alpha, gamma)));
        if (races > 0) {
            predicted.put("closedFormAtGammaRealised", round3(Literature.selfishMiningRevenue(alpha, gammaRealised)));
        } else {
            predicted.putNull("closedFormAtGammaRealised");
        }
        predicted.put("honestMining", alpha).put("threshold", round3(Literature.selfishMiningThreshold(gamma)));
        ArrayNode range = predicted.putArray("runsOfThisLength");
        range.add(round3(spread[0])).add(round3(spread[1])).add(round3(spread[2]));
        predicted.put("source", "sim/Literature: Eyal and Sirer 2014, equation (8), the pool's long-run share of the main"
                + " chain, and their threshold (1-γ)/(3-2γ) above which withholding pays; the range is the 5th, 50th and 95th"
                + " percentile of " + MODEL_RUNS + " runs of " + blocks + " blocks of their model played with the same rule"
                + " (sim/SelfishMiningRule). powchain simulate selfish-mining --pool-share " + alpha + " --gamma " + gamma
                + " measures it on a simulated network of real node code");
        out.put("why", "The closed form is a long-run average; one run of " + blocks + " blocks is one draw, and the"
                + " pool's blocks come in runs that are won or lost together: in Eyal and Sirer's own model, runs this long give"
                + " the pool between " + round3(spread[0]) + " and " + round3(spread[2]) + " of the main chain nine times in"
                + " ten. And the devnet is not the model: γ is made by which honest nodes hear the pool's block first, drawn"
                + " afresh each race" + (races > 0 ? " (this run realised " + round3(gammaRealised) + " over " + races + " race"
                + plural(races) + ")" : " (this run had no race)") + ", and the finder of an honest block never builds on the"
                + " pool's, so with few honest nodes a γ near 1 is out of reach.");
        steps.forEach(out.putArray("steps")::add);
        return out;
    }

    // ---- the strategy's moves, on the real nodes

    private void poolFinds() throws IOException {
        long lead = privateHeight() - publicHeight;
        String h = mine(pool, poolMined);
        unpublished.addLast(h);
        racing = null; // if it was racing, it has just won the race itself
        if (rule.poolFound((int) lead) == SelfishMiningRule.Move.PUBLISH_ALL) {
            step(p.id() + " finds block " + heights.get(h) + " on its own racing block: it has won the race, publishes it,"
                    + " and the honest block it raced against goes stale");
            publishAll();
        } else {
            step(p.id() + " finds block " + heights.get(h) + " " + Events.shortHash(h) + " and keeps it secret (lead "
                    + (lead + 1) + ")");
        }
    }

    private void honestFinds(int finder) throws IOException {
        long lead = privateHeight() - publicHeight;
        DevnetNode f = devnet.nodes().all().get(finder);
        String h = mine(finder, honestMined);
        if (racing != null) {
            boolean onPool = block(h, f).path("previousHash").asText().equals(racing);
            races++;
            racesWonByPoolSide += onPool ? 1 : 0;
            step(f.id() + " finds block " + heights.get(h) + " on " + (onPool ? "the pool's" : "the honest") + " racing block:"
                    + " the race is over, " + (onPool ? "the pool's block stays on the main chain" : "the pool's block goes stale"));
            racing = null;
        }
        SelfishMiningRule.Move move = rule.othersFound((int) lead);
        if (move == SelfishMiningRule.Move.MATCH) {
            race(h, f);
            return;
        }
        for (int i : honest) {
            if (i != finder) {
                deliver(h, f, devnet.nodes().all().get(i));
            }
        }
        deliver(h, f, p);
        publicHeight = Math.max(publicHeight, heights.get(h));
        switch (move) {
            case ADOPT -> unpublished.clear(); // the pool mines on the public head (its node has moved to it)
            case PUBLISH_ALL -> {
                step(f.id() + " finds block " + heights.get(h) + ", but " + p.id() + " was 2 ahead: it publishes its "
                        + unpublished.size() + " secret blocks, every honest node reorganises to them, and " + f.id()
                        + "'s block goes stale");
                publishAll();
            }
            case PUBLISH_FIRST -> {
                step(f.id() + " finds block " + heights.get(h) + "; " + p.id() + " is " + lead + " ahead: it publishes its"
                        + " oldest secret block, and the honest nodes keep mining on a branch that will lose");
                publishFirst();
            }
            default -> throw new IllegalStateException("the rule answered " + move + " to an honest block");
        }
    }

    /** Equal branches: the pool's block goes first to honest nodes holding about γ of the honest hashrate, the honest block to the rest. */
    private void race(String honestBlock, DevnetNode f) throws IOException {
        String poolBlock = unpublished.peekLast();
        Set<Integer> poolFirst = poolFirst(f.index());
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        for (int i : honest) {
            if (i == f.index()) {
                continue;
            }
            DevnetNode n = devnet.nodes().all().get(i);
            if (poolFirst.contains(i)) {
                for (String b : unpublished) {
                    deliver(b, p, n);
                }
                deliver(honestBlock, f, n);
                first.add(n.id());
            } else {
                deliver(honestBlock, f, n);
                for (String b : unpublished) {
                    deliver(b, p, n);
                }
                second.add(n.id());
            }
        }
        for (String b : unpublished) {
            deliver(b, p, f);
        }
        deliver(honestBlock, f, p);
        publicHeight = Math.max(publicHeight, heights.get(honestBlock));
        for (String b : unpublished) {
            publicHeight = Math.max(publicHeight, heights.get(b));
        }
        unpublished.clear();
        racing = poolBlock;
        step(f.id() + " finds block " + heights.get(honestBlock) + " while " + p.id() + " is one ahead: " + p.id()
                + " publishes its secret block " + Events.shortHash(poolBlock) + " at once, a race of equal branches. "
                + (first.isEmpty() ? "No honest node" : String.join(", ", first)) + " hear" + (first.size() == 1 ? "s" : "")
                + " the pool's block first and mine on it; " + f.id() + (second.isEmpty() ? " keeps" : ", " + String.join(", ", second)
                + " keep") + " the honest one");
    }

    /**
     * The honest hashrate among the honest nodes: as the devnet's shares have it when at least two
     * honest nodes mine, else equally over all of them. A race needs two honest miners at least (the
     * finder of the honest block never builds on the pool's), and a devnet's usual miners are n0 and
     * n1 alone: with the pool on n0, n1 would find every honest block and γ could only be 0.
     */
    private Map<Integer, Double> honestWeights() {
        List<Double> shares = devnet.miners().shares();
        boolean asShared = honest.stream().filter(i -> shares.get(i) > 0).count() >= 2;
        Map<Integer, Double> out = new HashMap<>();
        honest.forEach(i -> out.put(i, asShared ? shares.get(i) : 1.0));
        return out;
    }

    private String describeWeights() {
        double total = honest.stream().mapToDouble(weight::get).sum();
        List<String> parts = new ArrayList<>();
        for (int i : honest) {
            parts.add(devnet.nodes().all().get(i).id() + " " + pct((1 - alpha) * weight.get(i) / total));
        }
        return "shared " + String.join(", ", parts);
    }

    /** Honest nodes other than the finder, in a random order, taken while their hashrate fits in γ of the honest hashrate. */
    private Set<Integer> poolFirst(int finder) {
        double total = honest.stream().mapToDouble(weight::get).sum();
        List<Integer> others = new ArrayList<>(honest);
        others.remove(Integer.valueOf(finder));
        for (int i = others.size() - 1; i > 0; i--) { // Fisher-Yates, from the seed
            Collections.swap(others, i, random.nextInt(i + 1));
        }
        double want = gamma * total;
        double taken = 0;
        Set<Integer> out = new HashSet<>();
        for (int i : others) {
            double w = weight.get(i);
            if (taken + w <= want + 1e-12) {
                out.add(i);
                taken += w;
            } else {
                if (w > 0 && random.nextDouble() < (want - taken) / w) {
                    out.add(i);
                }
                break;
            }
        }
        return out;
    }

    private void publishAll() throws IOException {
        while (!unpublished.isEmpty()) {
            publishFirst();
        }
    }

    private void publishFirst() throws IOException {
        String b = unpublished.pollFirst();
        if (b == null) {
            return;
        }
        for (int i : honest) {
            deliver(b, p, devnet.nodes().all().get(i));
        }
        publicHeight = Math.max(publicHeight, heights.get(b));
    }

    // ---- the nodes

    /** Node {@code i} mines one block now; its hash, recorded with its height in {@code into}. */
    private String mine(int i, Set<String> into) throws IOException {
        String h = devnet.mine(i, 1).get(0);
        JsonNode s = Attacks.summary(devnet.nodes().all().get(i));
        heights.put(h, s.path("tip").asText().equals(h) ? s.path("height").asLong()
                : LocalHttp.getOk(devnet.nodes().all().get(i).port(), "/api/v1/blocks/" + h).path("height").asLong());
        into.add(h);
        return h;
    }

    private long privateHeight() throws IOException {
        return Attacks.height(p);
    }

    /** Block {@code hash} as the wire carries it, from {@code from}. */
    private JsonNode block(String hash, DevnetNode from) throws IOException {
        JsonNode b = wire.get(hash);
        if (b == null) {
            JsonNode got = LocalHttp.getOk(from.port(), "/p2p/blocks?hashes=" + hash);
            if (!got.isArray() || got.isEmpty()) {
                throw new IOException(from.id() + " does not have block " + hash);
            }
            b = got.get(0);
            wire.put(hash, b);
        }
        return b;
    }

    /**
     * Hands block {@code hash}, as {@code from} has it, to {@code to} as a user's {@code /addblock}
     * (no link fault applies); if {@code to} lacks its parent, the parent first (the block waits in
     * {@code to}'s orphan pool meanwhile and connects once its parent is there).
     */
    private void deliver(String hash, DevnetNode from, DevnetNode to) throws IOException {
        for (int depth = 0; ; depth++) {
            JsonNode b = block(hash, from);
            LocalHttp.Reply r = LocalHttp.post(to.port(), "/addblock", b);
            if (r.ok()) {
                return;
            }
            if (!r.json().path("error").asText().equals("unknown-parent") || depth > MAX_BLOCKS) {
                throw new IOException(to.id() + " refused block " + Events.shortHash(hash) + ": " + r.json());
            }
            deliver(b.path("previousHash").asText(), from, to);
        }
    }

    private Map<Integer, Long> reorgs() throws IOException {
        Map<Integer, Long> out = new HashMap<>();
        for (int i : honest) {
            out.put(i, Attacks.summary(devnet.nodes().all().get(i)).path("reorgs").asLong());
        }
        return out;
    }

    private void step(String text) {
        steps.add(text);
        devnet.events().add("attack", "selfish: " + text);
    }

    private static String pct(double x) {
        return Math.round(x * 100) + "%";
    }

    private static String plural(long n) {
        return n == 1 ? "" : "s";
    }

    private static double round3(double x) {
        return Math.round(x * 1000) / 1000.0;
    }
}
