package dev.sluice.mqtt.testing;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.IAuthenticator;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Properties;

/**
 * A real MQTT broker (Moquette) in this JVM on a free loopback port, without persistence: for
 * tests here and in other modules (this module's test jar).
 */
public final class LocalMqtt implements AutoCloseable {
    private Server server;
    private final String uri;
    private final Properties config;
    private final IAuthenticator authenticator;

    private LocalMqtt(Server server, String uri, Properties config, IAuthenticator authenticator) {
        this.server = server;
        this.uri = uri;
        this.config = config;
        this.authenticator = authenticator;
    }

    /**
     * Stops the broker and starts a new one on the same port, as a broker restart does: every
     * connection is dropped and, without persistence, every session and subscription forgotten.
     */
    public synchronized void restart() throws IOException {
        server.stopServer();
        server = start(config, authenticator);
    }

    private static Server start(Properties p, IAuthenticator authenticator) throws IOException {
        Server server = new Server();
        if (authenticator == null) {
            server.startServer(new MemoryConfig(p));
        } else {
            server.startServer(new MemoryConfig(p), List.of(), null, authenticator, null);
        }
        return server;
    }

    /** A broker that lets anyone in. */
    public static LocalMqtt start() throws IOException {
        return start(null);
    }

    /** A broker that asks {@code authenticator}, or lets anyone in when it is null. */
    public static LocalMqtt start(IAuthenticator authenticator) throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Properties p = new Properties();
        p.setProperty("host", "127.0.0.1");
        p.setProperty("port", Integer.toString(port));
        p.setProperty("websocket_port", "disabled");
        p.setProperty("persistence_enabled", "false");
        p.setProperty("allow_anonymous", Boolean.toString(authenticator == null));
        p.setProperty("telemetry_enabled", "false");
        return new LocalMqtt(start(p, authenticator), "tcp://127.0.0.1:" + port, p, authenticator);
    }

    /** {@code tcp://127.0.0.1:port}. */
    public String uri() {
        return uri;
    }

    @Override
    public synchronized void close() {
        server.stopServer();
    }
}
