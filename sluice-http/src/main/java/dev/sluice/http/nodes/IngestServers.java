package dev.sluice.http.nodes;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP servers of the process's {@code http.server} nodes, one per address: nodes on one
 * address share its server, each on its own path, and the last one to stop closes it.
 */
final class IngestServers {
    private IngestServers() {}

    private record Server(HttpServer http, ExecutorService threads, Map<String, Ingest> paths) {}

    private static final Map<String, Server> SERVERS = new HashMap<>();
    /** Who waits for an address to be served: tests, which must not poll or sleep. */
    private static final Map<String, java.util.concurrent.CompletableFuture<Integer>> LISTENERS = new HashMap<>();

    /** Completes with the port once a server for {@code address} serves a path. */
    static synchronized java.util.concurrent.CompletableFuture<Integer> listening(String address) {
        Server server = SERVERS.get(address);
        if (server != null && !server.paths.isEmpty()) {
            return java.util.concurrent.CompletableFuture.completedFuture(server.http.getAddress().getPort());
        }
        return LISTENERS.computeIfAbsent(address, a -> new java.util.concurrent.CompletableFuture<>());
    }

    /** Serves {@code ingest} on {@code address}, starting the address's server if none runs. */
    static synchronized void open(String address, Ingest ingest) {
        Server server = SERVERS.get(address);
        if (server == null) {
            HttpServer http;
            try {
                http = HttpServer.create(socket(address), 1024);
            } catch (BindException e) {
                throw new IllegalStateException("cannot listen on " + address + ": " + e.getMessage()
                        + " (another process, or another pipeline, uses it)");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
            }
            // a request waits for its rows to be processed: a virtual thread each, so waiting costs no platform thread
            ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
            http.setExecutor(threads);
            http.start();
            server = new Server(http, threads, new HashMap<>());
            SERVERS.put(address, server);
        }
        if (server.paths.containsKey(ingest.path)) {
            throw new IllegalStateException("two http.server nodes serve " + ingest.path + " on " + address
                    + ": give them different paths");
        }
        server.paths.put(ingest.path, ingest);
        server.http.createContext(ingest.path, ingest);
        var waiting = LISTENERS.remove(address);
        if (waiting != null) {
            waiting.complete(server.http.getAddress().getPort());
        }
    }

    /** Stops serving {@code ingest}; the server stops with its last path. */
    static synchronized void close(String address, Ingest ingest) {
        Server server = SERVERS.get(address);
        if (server == null || server.paths.get(ingest.path) != ingest) {
            return;
        }
        server.paths.remove(ingest.path);
        server.http.removeContext(ingest.path);
        if (server.paths.isEmpty()) {
            SERVERS.remove(address);
            // answers being written (202s, and the 503s the node gave what it never processed) finish first
            server.http.stop(2);
            server.threads.shutdownNow();
        }
    }

    static InetSocketAddress socket(String address) {
        int colon = address.lastIndexOf(':');
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new InetSocketAddress(host, Integer.parseInt(address.substring(colon + 1)));
    }

    /** Why {@code address} is not a HOST:PORT, or null when it is one. */
    static String invalid(String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            return "'" + address + "' is not HOST:PORT (127.0.0.1:8080; 0.0.0.0:8080 for every interface)";
        }
        try {
            int port = Integer.parseInt(address.substring(colon + 1));
            return port < 0 || port > 65535 ? "port " + port + " is not between 0 and 65535" : null;
        } catch (NumberFormatException e) {
            return "'" + address.substring(colon + 1) + "' is not a port number";
        }
    }
}
