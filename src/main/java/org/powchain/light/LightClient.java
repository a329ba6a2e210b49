package org.powchain.light;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.powchain.client.NodeClient;
import org.powchain.consensus.Ledger;
import org.powchain.core.Address;
import org.powchain.core.BlockHeader;
import org.powchain.core.Codes;
import org.powchain.core.Hash;
import org.powchain.core.MerkleProof;
import org.powchain.core.Transaction;
import org.powchain.wire.GetHeaders;
import org.powchain.wire.MalformedMessage;
import org.powchain.wire.WireFormat;

/**
 * A headers-only client (simplified payment verification, whitepaper §8). It syncs headers from
 * each of its nodes, checks them with the rules full nodes use ({@link HeaderChain}), keeps the
 * chain with the most work, then asks the nodes which transactions pay an address and checks each
 * one itself: the transaction's bytes hash to its id, its Merkle proof folds to the root of a header
 * on its own chain. A node that sends a header breaking a rule, headers that do not connect, a
 * transaction whose bytes do not match its id or a proof that does not fold is named as lying; one
 * whose chain has less work is named as behind or on a weaker branch. See docs/concepts/light-clients.md.
 *
 * <p>What it cannot check: that the transactions in the most-work chain are valid (it never sees
 * the blocks), and that a node told it about every payment (a node can stay silent).
 */
public final class LightClient {
    /** The most headers asked for at once: what a full node answers. */
    static final int BATCH = GetHeaders.MAX_HEADERS;
    /** Rounds of headers per node per sync: 2000 × 500 = a million headers. */
    static final int MAX_ROUNDS = 500;

    private final HeaderChain chain;
    private final List<NodeClient> nodes;
    private final Optional<HeaderFile> file;
    private final LongSupplier clock;
    private final int confirmations;
    /** Reads the transactions nodes send in the ledger model's JSON, as peers do. */
    private final WireFormat wire;
    /** What a transaction pays an address is the ledger model's to say. */
    private final Ledger ledger;

    /** What a node's answers showed. {@code status}: agrees, behind, weaker-branch, lying or unreachable. */
    public record NodeView(String node, String status, int height, String tip, String detail) {}

    /**
     * A payment to the address. {@code height} is -1 and {@code verified} false for one still in a
     * node's mempool; {@code status} is confirmed, pending (fewer confirmations than asked) or mempool.
     */
    public record Payment(String txid, long amount, int height, int confirmations, boolean verified, String status) {}

    /**
     * {@code received}: verified payments with enough confirmations; {@code pending}: verified ones with
     * fewer. {@code headersRemoved}: headers this sync took off the old tip (a reorg).
     */
    public record Report(int tipHeight, String tipHash, BigInteger chainWork, List<NodeView> nodes,
                         List<Payment> payments, long received, long pending, int headersRemoved,
                         List<String> problems) {
        /** Whether the nodes that answered disagree on the tip. */
        public boolean disagreement() {
            return nodes.stream().anyMatch(n -> !n.status().equals("agrees") && !n.status().equals("unreachable"));
        }
    }

    public LightClient(HeaderChain chain, List<NodeClient> nodes, Optional<HeaderFile> file, LongSupplier clock,
                       int confirmations) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a light client needs at least one node");
        }
        this.chain = chain;
        this.nodes = List.copyOf(nodes);
        this.file = file;
        this.clock = clock;
        this.confirmations = confirmations;
        this.wire = WireFormat.of(chain.params());
        this.ledger = chain.params().ledger();
    }

    public HeaderChain chain() {
        return chain;
    }

    /** Syncs headers from every node, then finds and verifies the payments to {@code address}. */
    public Report sync(Address address) throws IOException {
        List<String> problems = new ArrayList<>();
        Map<NodeClient, String> lying = new LinkedHashMap<>();
        Map<NodeClient, String> unreachable = new LinkedHashMap<>();
        Map<NodeClient, HeaderChain.Branch> branches = new LinkedHashMap<>();
        int unchangedBelow = chain.height() + 1;
        int removed = 0;
        for (NodeClient node : nodes) {
            try {
                HeaderChain.Branch b = fetchBranch(node);
                branches.put(node, b);
                unchangedBelow = Math.min(unchangedBelow, b.forkHeight() + 1);
            } catch (HeaderChain.BadHeader e) {
                lying.put(node, e.getMessage());
            } catch (Lie | NodeClient.BadAnswer e) {
                lying.put(node, e.getMessage());
            } catch (IllegalArgumentException e) {
                lying.put(node, "sent a malformed answer: " + e.getMessage());
            } catch (IOException e) {
                unreachable.put(node, e.getMessage());
            }
        }
        // fork choice among what the nodes sent: the most work wins, ties keep the first
        // (catching up on our own tip happened while fetching; this only ever moves to another branch)
        List<HeaderChain.Branch> byWork = new ArrayList<>(branches.values());
        byWork.sort((x, y) -> y.work().compareTo(x.work())); // stable: among equals, the first node's
        for (HeaderChain.Branch b : byWork) {
            Optional<Integer> off = chain.adopt(b);
            if (off.isPresent()) {
                removed += off.get();
            }
        }
        if (file.isPresent()) {
            file.get().save(chain, unchangedBelow);
        }

        List<Payment> payments = payments(address, lying, unreachable, problems);
        List<NodeView> views = new ArrayList<>();
        for (NodeClient node : nodes) {
            views.add(view(node, branches.get(node), lying.get(node), unreachable.get(node)));
        }
        long received = payments.stream().filter(p -> p.status().equals("confirmed")).mapToLong(Payment::amount).sum();
        // mempool claims are not summed: nothing about them can be verified
        long pending = payments.stream().filter(p -> p.status().equals("pending")).mapToLong(Payment::amount).sum();
        return new Report(chain.height(), chain.tipHash().toHex(), chain.tipWork(), views, payments, received, pending,
                removed, problems);
    }

    /** A node's answer that no honest node gives, other than a header breaking a rule. */
    private static final class Lie extends Exception {
        private static final long serialVersionUID = 1L;

        Lie(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The node's chain as a branch off ours: headers after the locator, in rounds of {@link #BATCH},
     * each checked. A branch that extends our tip is taken at once (it has more work by construction),
     * so a long sync holds one batch in memory, not the whole chain.
     */
    private HeaderChain.Branch fetchBranch(NodeClient node) throws IOException, HeaderChain.BadHeader, Lie {
        HeaderChain.Branch branch = null;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Optional<Hash> beyond = branch == null || branch.headers().isEmpty()
                    ? Optional.empty() : Optional.of(branch.tipHash());
            GetHeaders.Headers answer = node.headers(chain.locator(beyond), BATCH);
            List<BlockHeader> headers = answer.headers();
            if (headers.isEmpty()) {
                break;
            }
            Hash parent = headers.get(0).previousHash();
            if (branch == null || !parent.equals(branch.tipHash())) {
                int fork = chain.heightOf(parent).orElseThrow(() -> new Lie("sent headers starting after "
                        + parent + ", a block on no chain we asked about"));
                branch = chain.at(fork);
            }
            branch = chain.extend(branch, headers, clock.getAsLong());
            if (branch.forkHeight() == chain.height() && chain.adopt(branch).isPresent()) {
                branch = chain.at(chain.height());
            }
            if (headers.size() < BATCH) {
                break;
            }
        }
        if (branch == null) { // nothing after our locator: the node's tip is on our chain, or it says so
            NodeClient.Summary s = node.summary();
            Hash tip = s.tip();
            int at = chain.heightOf(tip).orElseThrow(() -> new Lie("claims tip " + tip + " at height "
                    + s.height() + " but sends no headers leading to it"));
            branch = chain.at(at);
        }
        return branch;
    }

    private NodeView view(NodeClient node, HeaderChain.Branch b, String lie, String unreachable) {
        if (lie != null) {
            return new NodeView(node.name(), "lying", -1, null, lie);
        }
        if (b == null) {
            return new NodeView(node.name(), "unreachable", -1, null, unreachable);
        }
        Hash tip = b.tipHash();
        int height = b.tipHeight();
        if (tip.equals(chain.tipHash())) {
            return new NodeView(node.name(), "agrees", height, tip.toHex(), "at the tip");
        }
        if (chain.heightOf(tip).isPresent()) {
            return new NodeView(node.name(), "behind", height, tip.toHex(), (chain.height() - height)
                    + " blocks behind the most-work chain");
        }
        return new NodeView(node.name(), "weaker-branch", height, tip.toHex(), "follows a branch from height "
                + b.forkHeight() + " with less work (" + b.work() + " < " + chain.tipWork() + "): ignored");
    }

    /** Every payment to {@code address} some node tells of, each checked against our own headers. */
    private List<Payment> payments(Address address, Map<NodeClient, String> lying, Map<NodeClient, String> unreachable,
                                   List<String> problems) {
        Map<Hash, Long> confirmedClaims = new LinkedHashMap<>();
        Map<Hash, Long> mempool = new LinkedHashMap<>();
        Map<Hash, List<NodeClient>> toldBy = new LinkedHashMap<>();
        for (NodeClient node : nodes) {
            if (unreachable.containsKey(node)) {
                continue;
            }
            NodeClient.Account account;
            try {
                account = node.account(address);
            } catch (IOException e) {
                problems.add(node.name() + ": " + e.getMessage());
                continue;
            }
            for (String list : List.of("recent", "pending")) {
                for (JsonNode t : list.equals("recent") ? account.recent() : account.pending()) {
                    Optional<Transaction> tx = parse(t);
                    Hash claimed = hashOrNull(t.path("id").asText());
                    if (tx.isEmpty() || claimed == null || !tx.get().id().equals(claimed)) {
                        lie(lying, node, "sent transaction " + t.path("id").asText()
                                + " whose bytes do not hash to its id (an amount or recipient changed?)");
                        continue;
                    }
                    long paid = ledger.parties(tx.get()).paidTo(address); // the model reads its own transaction
                    if (paid == 0) {
                        continue;
                    }
                    (list.equals("recent") ? confirmedClaims : mempool).putIfAbsent(claimed, paid);
                    toldBy.computeIfAbsent(claimed, k -> new ArrayList<>()).add(node);
                }
            }
        }
        List<Payment> out = new ArrayList<>();
        for (Map.Entry<Hash, Long> claim : confirmedClaims.entrySet()) {
            Optional<Integer> height = verified(claim.getKey(), toldBy.get(claim.getKey()), lying, problems);
            if (height.isPresent()) {
                int conf = chain.height() - height.get() + 1;
                out.add(new Payment(claim.getKey().toHex(), claim.getValue(), height.get(), conf, true,
                        conf >= confirmations ? "confirmed" : "pending"));
            }
            mempool.remove(claim.getKey());
        }
        for (Map.Entry<Hash, Long> m : mempool.entrySet()) {
            out.add(new Payment(m.getKey().toHex(), m.getValue(), -1, 0, false, "mempool"));
        }
        return out;
    }

    /** The height at which a proof from one of the nodes puts {@code txid} on our chain. */
    private Optional<Integer> verified(Hash txid, List<NodeClient> sources, Map<NodeClient, String> lying,
                                       List<String> problems) {
        List<NodeClient> order = new ArrayList<>(sources);
        nodes.stream().filter(n -> !order.contains(n)).forEach(order::add);
        for (NodeClient node : order) {
            Optional<JsonNode> json;
            try {
                json = node.proof(txid);
            } catch (IOException e) {
                continue;
            }
            if (json.isEmpty()) {
                continue;
            }
            JsonNode p = json.get();
            BlockHeader header;
            MerkleProof proof;
            try {
                header = BlockHeader.decode(HexFormat.of().parseHex(p.path("header").asText()));
                proof = parseProof(p);
            } catch (IllegalArgumentException e) {
                lie(lying, node, "sent a malformed proof for " + txid + ": " + e.getMessage());
                continue;
            }
            if (!proof.txid().equals(txid)) {
                lie(lying, node, "sent a proof of " + proof.txid() + " when asked for " + txid);
                continue;
            }
            Optional<Integer> height = chain.heightOf(header.hash());
            if (height.isEmpty()) {
                problems.add(node.name() + ": transaction " + txid + " is in block " + header.hash()
                        + ", which is not on the most-work chain");
                continue;
            }
            if (!proof.verify(chain.headerAt(height.get()))) {
                lie(lying, node, "sent a proof for " + txid + " that does not fold to the Merkle root of block "
                        + header.hash() + " at height " + height.get());
                continue;
            }
            return height;
        }
        return Optional.empty();
    }

    private static void lie(Map<NodeClient, String> lying, NodeClient node, String what) {
        lying.merge(node, what, (a, b) -> a + "; " + b);
    }

    static MerkleProof parseProof(JsonNode p) {
        List<MerkleProof.Step> branch = new ArrayList<>();
        for (JsonNode s : p.path("branch")) {
            MerkleProof.Side side = Codes.parse(MerkleProof.Side.class, s.path("side").asText());
            branch.add(new MerkleProof.Step(Hash.fromHex(s.path("hash").asText()), side));
        }
        return new MerkleProof(Hash.fromHex(p.path("txid").asText()), p.path("index").asInt(-1), branch);
    }

    /**
     * A transaction from a node's JSON (the fields a node writes, coinbase included), read by the
     * ledger model's codec; empty if malformed, or if its {@code id} is not the hash of its bytes.
     */
    private Optional<Transaction> parse(JsonNode t) {
        try {
            return Optional.of(wire.parseTransaction(t));
        } catch (MalformedMessage e) {
            return Optional.empty();
        }
    }

    private static Hash hashOrNull(String hex) {
        try {
            return Hash.fromHex(hex);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
