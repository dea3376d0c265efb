/**
 * HTTP node types on the JDK's own server and client, with no further dependency than Jackson:
 * {@code http.server} (a source that producers in any language POST rows to, with backpressure),
 * {@code http.lookup} (enriches rows with a response) and {@code http.write} (a sink).
 */
module dev.sluice.http {
    requires transitive dev.sluice.core;
    requires com.fasterxml.jackson.databind;
    requires jdk.httpserver;
    requires java.net.http;

    provides dev.sluice.nodetype.NodeType with
            dev.sluice.http.nodes.HttpServerType,
            dev.sluice.http.nodes.HttpLookupType,
            dev.sluice.http.nodes.HttpWriteType;
}
