package dev.peerget.fetch.http;

import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
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
 * HTTP clients whose TLS set-up waits for their first https:// connection. Java's client takes the default
 * {@link SSLContext} when it is built, which loads and parses the JDK's CA certificates and starts the security
 * providers: 90 ms of a cold JVM (130-145 ms against 41-47 ms to build a client, docs/benchmarks.md), paid by
 * every update and install, also from http:// and file: repositories, which are most of them. The context used
 * once a connection needs it is the default one, unchanged: the same CAs, protocols and cipher suites, and the
 * client's own host name verification.
 */
public final class LazyTls {
    private LazyTls() {}

    /** {@link HttpClient#newBuilder()} with the default TLS context, set up on first use. */
    public static HttpClient.Builder clientBuilder() {
        return clientBuilder(LazyTls::defaultContext);
    }

    /**
     * The same with the context {@code tls} gives, asked for once, on first use. The client is given empty
     * {@link SSLParameters} (nothing set: the engine's defaults apply), because it would otherwise ask the context
     * for its defaults at once.
     */
    static HttpClient.Builder clientBuilder(Supplier<SSLContext> tls) {
        return HttpClient.newBuilder().sslContext(new LazyContext(tls)).sslParameters(new SSLParameters());
    }

    private static SSLContext defaultContext() {
        try {
            return SSLContext.getDefault();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no default TLS context: " + e.getMessage(), e);
        }
    }

    private static final class LazyContext extends SSLContext {
        LazyContext(Supplier<SSLContext> tls) {
            super(new Spi(tls), null, "TLS");
        }
    }

    /** Each call goes to the real context, made on the first. Thread-safe. */
    private static final class Spi extends SSLContextSpi {
        private final Supplier<SSLContext> tls;
        private volatile SSLContext real;

        Spi(Supplier<SSLContext> tls) {
            this.tls = tls;
        }

        private SSLContext real() {
            SSLContext r = real;
            if (r == null) {
                synchronized (this) {
                    r = real;
                    if (r == null) {
                        r = tls.get();
                        real = r;
                    }
                }
            }
            return r;
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) {
            throw new UnsupportedOperationException("initialised already");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return real().getSocketFactory();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return real().getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return real().createSSLEngine();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return real().createSSLEngine(host, port);
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return real().getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return real().getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return real().getDefaultSSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return real().getSupportedSSLParameters();
        }
    }
}
