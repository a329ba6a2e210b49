package org.powchain.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Map;
import org.powchain.p2p.LinkFaults;

/**
 * {@code /p2p/faults}, mounted only on a node started with {@code --link-faults} (a devnet's nodes):
 * read and set the delay and loss this node puts on its own messages to each peer
 * ({@link LinkFaults}). Operator only, as it changes what the node does.
 */
final class LinkFaultRoutes {
    static final String PATH = "/p2p/faults";

    private final LinkFaults faults;

    LinkFaultRoutes(LinkFaults faults) {
        this.faults = faults;
    }

    void register(Javalin app) {
        app.get(PATH, ctx -> ctx.json(faults.all()));
        app.post(PATH, this::set);
        app.delete(PATH, ctx -> {
            faults.clear();
            ctx.json(faults.all());
        });
    }

    /** {@code ?peer=host:port&delayMs=D&loss=P}: both default to 0, which clears the peer's fault. */
    private void set(Context ctx) {
        String peer = Query.required(ctx, "peer");
        if (!peer.matches("[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}")) {
            throw new ApiException(400, "bad-peer", "peer must be host:port, not " + peer);
        }
        long delay = Query.optionalLong(ctx, "delayMs", 0, 60_000, 0);
        double loss;
        try {
            loss = Double.parseDouble(Query.optional(ctx, "loss").orElse("0"));
        } catch (NumberFormatException e) {
            throw new ApiException(400, "bad-loss", "loss must be a number between 0 and 1");
        }
        if (!(loss >= 0 && loss <= 1)) {
            throw new ApiException(400, "bad-loss", "loss must be between 0 and 1, not " + loss);
        }
        faults.set(peer, new LinkFaults.Fault(delay, loss));
        ctx.json(Map.copyOf(faults.all()));
    }
}
