package org.powchain.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.function.Supplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The one place a powchain program builds the JDK's {@link HttpClient}: HTTP/1.1 (what a node
 * serves), a connect timeout, and built at the first request, never before.
 *
 * <p>Nodes speak plain HTTP to each other, so a client for {@code http://} is built with an SSL
 * context that refuses TLS ({@link #PLAIN_HTTP}). Given none, the JDK's client initialises its TLS
 * defaults and reads the CA certificates as it is built: about 0.23 s of CPU at a node's first dial
 * (docs/PERFORMANCE.md, "Start-up"), paid by every node of a devnet as it links. A client for
 * {@code https://} (a user's {@link NodeClient} pointed at a node behind a TLS proxy) gets the
 * JDK's defaults, as before.
 *
 * <p>Two kinds of caller: {@link NodeClient} (the wallet, the light client, the devnet, the
 * benchmarks) shares {@linkplain #shared one client per process and scheme}; {@code p2p.PeerClient}
 * builds {@linkplain #lazy its own} per node, since its connect timeout follows the node's peer timeout.
 */
public final class HttpClients {
    /** How long a connection may take to open; on loopback it opens or is refused at once. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** An SSL context for clients that only ever speak plain HTTP: any TLS connection is refused. */
    static final SSLContext PLAIN_HTTP = new SSLContext(new RefuseTls(), null, "none") {};

    private HttpClients() {}

    /** A plain-HTTP client built on the first {@code get()}, then the same one every time (thread-safe). */
    public static Supplier<HttpClient> lazy(Duration connectTimeout) {
        return new Lazy(connectTimeout);
    }

    /** The process's one client for {@link NodeClient}s talking to {@code uri}'s scheme, built at its first request. */
    static HttpClient shared(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme()) ? SharedTls.CLIENT : SharedPlain.CLIENT;
    }

    private static HttpClient build(Duration connectTimeout, boolean tls) {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout);
        return (tls ? b : b.sslContext(PLAIN_HTTP)).build();
    }

    /** The holder idiom: the JVM initialises each class, and builds its client, at its first use. */
    private static final class SharedPlain {
        static final HttpClient CLIENT = build(CONNECT_TIMEOUT, false);
    }

    private static final class SharedTls {
        static final HttpClient CLIENT = build(CONNECT_TIMEOUT, true);
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
                        c = build(connectTimeout, false);
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

    /** What {@link #PLAIN_HTTP} does: parameters with no protocol, and no engine, so no TLS handshake can start. */
    private static final class RefuseTls extends SSLContextSpi {
        private static UnsupportedOperationException refused() {
            return new UnsupportedOperationException("this client speaks plain HTTP only (http://), not TLS");
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) {
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            throw refused();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return new SSLParameters(new String[0], new String[0]);
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return new SSLParameters(new String[0], new String[0]);
        }
    }
}
