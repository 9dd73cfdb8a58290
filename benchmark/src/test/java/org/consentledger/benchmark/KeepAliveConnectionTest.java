package org.consentledger.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeepAliveConnectionTest {

    private HttpServer server;
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            byte[] sent = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            byte[] answer = (path + " " + exchange.getRequestHeaders().getFirst("Origin") + " "
                    + new String(sent, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            if (path.endsWith("/close")) {
                exchange.getResponseHeaders().add("Connection", "close");
            }
            // Length 0 makes the server send the answer in chunks.
            exchange.sendResponseHeaders(path.endsWith("/chunked") ? 201 : 200,
                    path.endsWith("/chunked") ? 0 : answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void readsAnswersOfAKnownLengthAndInChunksOverOneConnection() throws IOException {
        try (KeepAliveConnection connection = new KeepAliveConnection(base())) {
            KeepAliveConnection.Response first = connection.post("/a", Map.of("Origin", "https://shop.example"),
                    "{\"x\":1}".getBytes(StandardCharsets.UTF_8));
            KeepAliveConnection.Response second = connection.post("/b/chunked", Map.of("Origin", "o"),
                    "é".getBytes(StandardCharsets.UTF_8));

            assertThat(first).isEqualTo(new KeepAliveConnection.Response(200, "/a https://shop.example {\"x\":1}"));
            assertThat(second).isEqualTo(new KeepAliveConnection.Response(201, "/b/chunked o é"));
            assertThat(clientPorts).hasSize(1);
        }
    }

    @Test
    void connectsAgainAfterTheServerClosedTheConnection() throws IOException {
        try (KeepAliveConnection connection = new KeepAliveConnection(base())) {
            connection.post("/close", Map.of(), new byte[0]);
            KeepAliveConnection.Response next = connection.post("/next", Map.of(), new byte[0]);

            assertThat(next.status()).isEqualTo(200);
            assertThat(clientPorts).hasSize(2);
        }
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }
}
