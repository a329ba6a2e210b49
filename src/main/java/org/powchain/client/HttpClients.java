package org.powchain.client;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The one place a powchain program builds the JDK's {@link HttpClient}: HTTP/1.1 (what a node
 * serves), a connect timeout, and built at the first request, never before. Building one loads the
 * JDK's TLS defaults (the CA certificates), about a third of a second of a node's start-up
 * (docs/PERFORMANCE.md, "Start-up"), and a node without boot nodes may not dial anyone for a while.
 *
 * <p>Two kinds of caller: {@link NodeClient} (the wallet, the light client, the devnet, the
 * benchmarks) shares {@linkplain #shared one client per process}; {@code p2p.PeerClient} builds
 * {@linkplain #lazy its own} per node, since its connect timeout follows the node's peer timeout.
 */
public final class HttpClients {
    /** How long a connection may take to open; on loopback it opens or is refused at once. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private HttpClients() {}

    /** A client built on the first {@code get()}, then the same one every time (thread-safe). */
    public static Supplier<HttpClient> lazy(Duration connectTimeout) {
        return new Lazy(connectTimeout);
    }

    /** The process's one client for {@link NodeClient}s, built when the first one sends its first request. */
    static HttpClient shared() {
        return Shared.CLIENT;
    }

    private static HttpClient build(Duration connectTimeout) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
    }

    /** The holder idiom: the JVM initialises this class, and builds the client, at the first {@link #shared()}. */
    private static final class Shared {
        static final HttpClient CLIENT = build(CONNECT_TIMEOUT);
    }

    /** Package-private so a test can see that it is not built before it is asked for. */
    static final class Lazy implements Supplier<HttpClient> {
        private final Duration connectTimeout;
        private volatile HttpClient client;

        Lazy(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        @Override
        public HttpClient get() {
            HttpClient c = client;
            if (c == null) {
                synchronized (this) {
                    c = client;
                    if (c == null) {
                        c = build(connectTimeout);
                        client = c;
                    }
                }
            }
            return c;
        }

        boolean built() {
            return client != null;
        }
    }
}
