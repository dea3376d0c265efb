package dev.sluice.mqtt;

import dev.sluice.mqtt.testing.LocalMqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Pipeline;
import dev.sluice.PipelineException;
import dev.sluice.Sluice;
import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.IAuthenticator;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against a real MQTT broker (Moquette) started by the test on loopback. */
class MqttTest {
    final List<Server> brokers = new ArrayList<>();
    final List<LocalMqtt> others = new ArrayList<>();

    @AfterEach
    void stopBrokers() {
        brokers.forEach(Server::stopServer);
        others.forEach(LocalMqtt::close);
    }

    String startBroker(IAuthenticator authenticator) throws IOException {
        LocalMqtt broker = LocalMqtt.start(authenticator);
        others.add(broker);
        return broker.uri();
    }

    /**
     * A broker that speaks TLS only, with a self-signed certificate for 127.0.0.1 made by the
     * JDK's keytool in {@code dir}; returns the {@code ssl://} URI. The key store doubles as the
     * client's trust store.
     */
    String startTlsBroker(java.nio.file.Path dir) throws Exception {
        java.nio.file.Path store = dir.resolve("broker.p12");
        Process keytool = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String said = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, keytool.waitFor(), said);
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Properties p = new Properties();
        p.setProperty("host", "127.0.0.1");
        p.setProperty("port", "disabled");
        p.setProperty("ssl_port", Integer.toString(port));
        p.setProperty("jks_path", store.toString());
        p.setProperty("key_store_type", "pkcs12");
        p.setProperty("key_store_password", "changeit");
        p.setProperty("key_manager_password", "changeit");
        p.setProperty("websocket_port", "disabled");
        p.setProperty("persistence_enabled", "false");
        p.setProperty("allow_anonymous", "true");
        p.setProperty("telemetry_enabled", "false");
        Server server = new Server();
        server.startServer(new MemoryConfig(p));
        brokers.add(server);
        return "ssl://127.0.0.1:" + port;
    }

    /** A socket factory trusting exactly the certificates in {@code store}. */
    static javax.net.ssl.SSLSocketFactory trusting(java.nio.file.Path store) throws Exception {
        java.security.KeyStore trusted = java.security.KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(store)) {
            trusted.load(in, "changeit".toCharArray());
        }
        javax.net.ssl.TrustManagerFactory tmf =
                javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context.getSocketFactory();
    }

    @Test
    void tls_publishAndSubscribe_andAnUntrustedBrokerIsRefused(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String uri = startTlsBroker(dir);
        MqttConf conf = MqttConf.broker(uri).tls(trusting(dir.resolve("broker.p12")));
        List<String> got = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch probed = new CountDownLatch(1);
        CountDownLatch all = new CountDownLatch(5);
        try (Pipeline consumer = Sluice.pipeline().name("consumer").build()) {
            consumer.generate("in", conf.subscribe("secure/#", 1)).sink(m -> {
                if (m.text().equals("probe")) {
                    probed.countDown();
                    return;
                }
                got.add(m.text());
                all.countDown();
            });
            consumer.start();
            awaitSubscribed(conf, "secure/probe", probed);
            try (Pipeline producer = Sluice.pipeline().name("producer").build()) {
                producer.fromIterable("numbers", List.of("1", "2", "3", "4", "5")).process(conf.publish("secure/n", 1, false));
                producer.start();
                producer.await();
            }
            assertTrue(all.await(30, TimeUnit.SECONDS), "got " + got);
        }
        assertEquals(List.of("1", "2", "3", "4", "5"), got);

        // the JDK's default trust store does not know this self-signed certificate
        MqttConf untrusting = MqttConf.broker(uri).tls(javax.net.ssl.SSLContext.getDefault().getSocketFactory());
        try (Pipeline p = Sluice.pipeline().name("untrusting").build()) {
            p.fromIterable("one", List.of("x")).process(untrusting.publish("secure/n", 1, false));
            PipelineException e = assertThrows(PipelineException.class, () -> {
                p.start(); // the publisher connects as its node starts
                p.await();
            });
            assertTrue(e.getMessage().contains("PKIX path building failed"), e.getMessage());
        }
    }

    /** Publishes probes until the running source shows it is subscribed. */
    static void awaitSubscribed(MqttConf conf, String topic, CountDownLatch probed) throws Exception {
        try (Pipeline p = Sluice.pipeline().name("prober").build()) {
            var probes = p.source("probes");
            probes.process(conf.publish(topic, 1, false));
            while (!probed.await(100, TimeUnit.MILLISECONDS)) {
                probes.emit("probe");
            }
        }
    }

    /** Issue 26: after a broker restart the source stayed connected, "running" and deaf, and a publish failed the pipeline. */
    @Test
    void aBrokerRestart_theSourceSubscribesAgain_andAPublishWaitsForTheBroker() throws Exception {
        LocalMqtt broker = LocalMqtt.start();
        others.add(broker);
        MqttConf conf = MqttConf.broker(broker.uri());
        List<String> got = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch before = new CountDownLatch(1);
        CountDownLatch after = new CountDownLatch(1);
        try (Pipeline consumer = Sluice.pipeline().name("consumer").build()) {
            consumer.generate("plant", conf.subscribe("plant/#", 1)).sink(m -> {
                got.add(m.text());
                (m.text().startsWith("before") ? before : after).countDown();
            });
            consumer.start();
            try (Pipeline producer = Sluice.pipeline().name("producer").build()) {
                var out = producer.source("out");
                out.process(conf.publish("plant/a", 1, false));
                while (!before.await(100, TimeUnit.MILLISECONDS)) {
                    out.emit("before");
                }
                broker.restart();
                // each emit blocks while the publisher is cut off, then goes once it has reconnected; the
                // first ones may come before the source has subscribed again (a clean session keeps nothing)
                for (int i = 0; !after.await(100, TimeUnit.MILLISECONDS); i++) {
                    assertTrue(i < 600, "nothing arrived after the restart: " + got);
                    out.emit("after-" + i);
                }
                out.complete();
                producer.await();
                assertEquals(dev.sluice.PipelineState.COMPLETED, producer.state(), "the publish waited for the broker");
            }
            assertEquals(dev.sluice.PipelineState.RUNNING, consumer.state());
            assertTrue(got.stream().anyMatch(t -> t.startsWith("after-")), got.toString());
        }
    }

    @Test
    void qos0_1_2_allArrive_withTheirQos() throws Exception {
        MqttConf conf = MqttConf.broker(startBroker(null));
        List<String> got = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch probed = new CountDownLatch(1);
        CountDownLatch all = new CountDownLatch(30);
        try (Pipeline consumer = Sluice.pipeline().name("consumer").build()) {
            consumer.generate("sensors", conf.subscribe("sensors/#", 2)).sink(m -> {
                if (m.text().equals("probe")) {
                    probed.countDown();
                    return;
                }
                got.add(m.topic() + " q" + m.qos() + " " + m.text());
                all.countDown();
            });
            consumer.start();
            awaitSubscribed(conf, "sensors/probe", probed);
            try (Pipeline producer = Sluice.pipeline().name("producer").build()) {
                var out = producer.source("out");
                out.process(conf.publish("unused", 0, false));
                for (int q = 0; q <= 2; q++) {
                    for (int i = 0; i < 10; i++) {
                        out.emit(MqttMessage.of("sensors/q" + q, "m" + i, q, false));
                    }
                }
                out.complete();
                producer.await();
            }
            assertTrue(all.await(30, TimeUnit.SECONDS), "received " + got);
        }
        for (int q = 0; q <= 2; q++) {
            int qos = q;
            List<String> mine = got.stream().filter(s -> s.startsWith("sensors/q" + qos + " ")).toList();
            assertEquals(IntStream.range(0, 10).mapToObj(i -> "sensors/q" + qos + " q" + qos + " m" + i).toList(), mine);
        }
    }

    @Test
    void messagesStillQueuedInAThreadedNode_areNotAcknowledged_andComeAgainAfterACrash() throws Exception {
        String uri = startBroker(null);
        MqttConf conf = MqttConf.broker(uri).clientId("billing").cleanSession(false);
        MqttConf publisher = MqttConf.broker(uri);
        CountDownLatch subscribed = new CountDownLatch(1);
        CountDownLatch threeDone = new CountDownLatch(1);
        List<String> first = Collections.synchronizedList(new ArrayList<>());
        Pipeline crashing = Sluice.pipeline().name("crashing").build();
        crashing.generate("orders", conf.subscribe("orders/#", 1))
                .to(crashing.node("bill", (MqttMessage m, dev.sluice.Emitter<String> out) -> {
                    if (m.text().equals("probe")) {
                        subscribed.countDown();
                        return;
                    }
                    if (first.size() == 3) {
                        threeDone.countDown();
                        new CountDownLatch(1).await(); // stuck until the "crash"
                    }
                    out.emit(m.text());
                }, 64))
                .sink(first::add);
        crashing.start();
        awaitSubscribed(publisher, "orders/probe", subscribed);
        try (Pipeline producer = Sluice.pipeline().name("producer").build()) {
            var out = producer.source("out");
            out.process(publisher.publish("orders/new", 1, false));
            for (int i = 0; i < 10; i++) {
                out.emit("order-" + i);
            }
            out.complete();
            producer.await();
        }
        assertTrue(threeDone.await(30, TimeUnit.SECONDS));
        crashing.cancel();
        crashing.await();

        List<String> second = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch last = new CountDownLatch(1);
        try (Pipeline restarted = Sluice.pipeline().name("restarted").build()) {
            restarted.generate("orders", conf.subscribe("orders/#", 1)).sink(m -> {
                second.add(m.text());
                if (m.text().equals("order-9")) {
                    last.countDown();
                }
            });
            restarted.start();
            assertTrue(last.await(30, TimeUnit.SECONDS), "redelivered: " + second);
        }
        assertTrue(second.containsAll(IntStream.range(3, 10).mapToObj(i -> "order-" + i).toList()),
                "every message not processed before the crash comes again: " + second);
    }

    @Test
    void retainedMessage_reachesALaterSubscriber() throws Exception {
        MqttConf conf = MqttConf.broker(startBroker(null));
        try (Pipeline producer = Sluice.pipeline().build()) {
            producer.fromIterable("status", List.of("online")).process(conf.publish("devices/42/status", 1, true));
            producer.start();
            producer.await();
        }
        List<MqttMessage> got = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch one = new CountDownLatch(1);
        try (Pipeline consumer = Sluice.pipeline().build()) {
            consumer.generate("status", conf.subscribe("devices/+/status", 1)).sink(m -> {
                got.add(m);
                one.countDown();
            });
            consumer.start();
            one.await();
        }
        // The broker kept the message for a subscriber that came later: it was published retained.
        // (Moquette 0.17 does not set the RETAIN flag on that delivery, so the flag is not checked.)
        assertEquals("online", got.get(0).text());
        assertEquals("devices/42/status", got.get(0).topic());
    }

    @Test
    void credentials_areChecked_byTheBroker() throws Exception {
        IAuthenticator auth = (clientId, user, password) ->
                "sensor".equals(user) && password != null
                        && "s3cret".equals(new String(password, StandardCharsets.UTF_8));
        String uri = startBroker(auth);
        try (Pipeline wrong = Sluice.pipeline().build()) {
            wrong.generate("in", MqttConf.broker(uri).credentials("sensor", "nope".toCharArray()).subscribe("x", 1))
                    .sink(m -> {});
            wrong.start();
            PipelineException e = assertThrows(PipelineException.class, wrong::await);
            assertTrue(String.valueOf(e.getCause()).contains("Not authorized")
                    || String.valueOf(e.getCause()).contains("Bad user name or password"), String.valueOf(e.getCause()));
        }
        MqttConf good = MqttConf.broker(uri).credentials("sensor", "s3cret".toCharArray());
        CountDownLatch probed = new CountDownLatch(1);
        try (Pipeline ok = Sluice.pipeline().build()) {
            ok.generate("in", good.subscribe("x", 1)).sink(m -> probed.countDown());
            ok.start();
            awaitSubscribed(good, "x", probed);
        }
    }
}
