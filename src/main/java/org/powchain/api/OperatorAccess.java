package org.powchain.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Who may call the operator routes, the ones that change what the node does: {@code /mine},
 * {@code POST /api/v1/mine}, {@code /addpeer} and {@code /resolvesplit}. As Bitcoin Core's RPC
 * answers only localhost unless {@code -rpcallowip} says otherwise, these answer clients on
 * loopback, plus the networks given with {@code --rpc-allow-ip CIDR}; anyone else gets
 * {@code 403 forbidden} naming the flag. Reads, {@code addtx} with demo accounts (the classroom
 * use), {@code POST /api/v1/transactions} and {@code /p2p/*} stay open to everyone.
 *
 * <p>The client is the TCP peer address; no header is believed, since anyone can write one.
 */
public final class OperatorAccess {
    /** The routes only an operator may call, whatever the method. */
    static final List<String> ROUTES = List.of("/mine", ApiV1Routes.BASE + "/mine", "/addpeer", "/resolvesplit",
            LinkFaultRoutes.PATH);
    /** A literal address: digits and dots (IPv4) or hex digits and colons (IPv6). Never a name to look up. */
    private static final Pattern LITERAL = Pattern.compile("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private final List<Cidr> allowed;

    private OperatorAccess(List<Cidr> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /** Loopback only: the default. */
    public static OperatorAccess loopbackOnly() {
        return new OperatorAccess(List.of());
    }

    /**
     * Loopback and {@code cidrs} ({@code 10.0.0.0/8}, {@code 192.168.1.7}, {@code fd00::/8}).
     *
     * @throws IllegalArgumentException naming the first entry that is not a CIDR block
     */
    public static OperatorAccess allowing(List<String> cidrs) {
        List<Cidr> parsed = new ArrayList<>();
        for (String c : cidrs) {
            parsed.add(Cidr.parse(c));
        }
        return new OperatorAccess(parsed);
    }

    public boolean allows(InetAddress client) {
        return client.isLoopbackAddress() || allowed.stream().anyMatch(c -> c.contains(client));
    }

    void register(Javalin app) {
        ROUTES.forEach(route -> app.before(route, this::check));
    }

    private void check(Context ctx) {
        String ip = ctx.req().getRemoteAddr();
        InetAddress client;
        try {
            client = InetAddress.getByName(ip); // a literal from the socket: no lookup
        } catch (UnknownHostException e) {
            client = null;
        }
        if (client == null || !allows(client)) {
            throw new ApiException(403, "forbidden", ctx.method() + " " + ctx.path() + " changes what this node does,"
                    + " so it answers only clients on this machine (loopback)" + (allowed.isEmpty() ? "" : " and " + allowed)
                    + "; you are " + ip + ". To let others in, start the node with --rpc-allow-ip CIDR"
                    + " (repeatable), e.g. --rpc-allow-ip " + ip + "/32");
        }
    }

    /** An address block: the first {@code prefix} bits of {@code network}. */
    private record Cidr(byte[] network, int prefix, String text) {
        static Cidr parse(String s) {
            String[] parts = s.strip().split("/", -1);
            if (parts.length > 2 || !LITERAL.matcher(parts[0]).matches()) {
                throw new IllegalArgumentException("--rpc-allow-ip takes an address or a CIDR block such as"
                        + " 192.168.1.0/24 or fd00::/8, got '" + s + "'");
            }
            byte[] address;
            try {
                address = InetAddress.getByName(parts[0]).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("--rpc-allow-ip: '" + parts[0] + "' is not an IP address", e);
            }
            int max = address.length * 8;
            int prefix;
            try {
                prefix = parts.length == 1 ? max : Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException("--rpc-allow-ip: the prefix length in '" + s + "' must be 0.." + max);
            }
            return new Cidr(address, prefix, s.strip());
        }

        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length != network.length) {
                return false; // IPv4 against an IPv6 block, or the reverse
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((b[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
