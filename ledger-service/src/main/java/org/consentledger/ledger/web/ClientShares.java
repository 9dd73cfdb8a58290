package org.consentledger.ledger.web;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What one client can hold of the server. An address may have at most {@code ledger.http.max-requests-per-client}
 * requests in progress (health probes not counted): beyond, 429 at once. A body declared larger than its limit is
 * 413 at once. Both are answered before the body is read, and every refusal of a body not read through (these,
 * and 401, 403, 408 or 413 from the ledger) closes the connection instead of reading the rest: Tomcat would
 * otherwise read it before answering the next request, as slowly as a slow client sends it, on a worker thread.
 * So clients that send their bodies a byte at a time hold at most that many worker threads per address, for at
 * most {@code max-body-time}, and health probes and other clients go on being answered. Behind a proxy, let the
 * server see the client's address ({@code server.forward-headers-strategy}) or raise the limit above what the
 * proxy sends. A valve, Tomcat's own extension point, because only there can a refusal skip the unread body.
 */
@Configuration(proxyBeanMethods = false)
class ClientShares {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> clientSharesValve(RequestLimits limits) {
        return factory -> factory.addContextValves(new Valve(limits));
    }

    static final class Valve extends ValveBase {

        private final RequestLimits limits;
        private final ConcurrentMap<String, AtomicInteger> inProgress = new ConcurrentHashMap<>();

        Valve(RequestLimits limits) {
            super(true);
            this.limits = limits;
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            String path = request.getRequestURI();
            String client = request.getRemoteAddr();
            boolean counted = limits.maxRequestsPerClient() > 0 && !path.startsWith("/actuator/health");
            try {
                if (counted && count(client) > limits.maxRequestsPerClient()) {
                    response.setHeader("Retry-After", "1");
                    refuse(request, response, 429, "Too Many Requests",
                            "this client already has %d requests in progress".formatted(limits.maxRequestsPerClient()));
                    return;
                }
                long limit = limits.limitFor(path);
                if (request.getContentLengthLong() > limit) {
                    refuse(request, response, 413, "Content Too Large",
                            "the request body is larger than the %d bytes this request may have".formatted(limit));
                    return;
                }
                getNext().invoke(request, response);
                // Only before the answer is sent can it say that the connection closes: a client told nothing
                // would send its next request on a closed connection.
                if (response.getStatus() >= 400 && !response.isCommitted()
                        && !request.getCoyoteRequest().isFinished()) {
                    closeUnread(request, response);
                }
            } finally {
                if (counted) {
                    inProgress.computeIfPresent(client, (c, n) -> n.decrementAndGet() == 0 ? null : n);
                }
            }
        }

        /** Counted inside the map's per-key operations, so an address is forgotten exactly when it has none left. */
        private int count(String client) {
            return inProgress.compute(client, (c, n) -> {
                AtomicInteger counter = n == null ? new AtomicInteger() : n;
                counter.incrementAndGet();
                return counter;
            }).get();
        }

        private static void refuse(Request request, Response response, int status, String title, String detail)
                throws IOException {
            response.setStatus(status);
            response.setContentType("application/problem+json");
            response.getWriter().write(("{\"type\":\"about:blank\",\"title\":\"%s\",\"status\":%d,\"detail\":\"%s\","
                    + "\"field\":\"body\"}").formatted(title, status, detail));
            closeUnread(request, response);
        }

        /**
         * Sends the answer, then closes the connection rather than read what is left of the body. Tomcat marks a
         * request whose body is left unread as failed, which would have it render an error page over the answer
         * already sent (and log that it could not): the answer is marked as the report of that failure.
         */
        private static void closeUnread(Request request, Response response) throws IOException {
            response.setHeader("Connection", "close");
            response.finishResponse();
            request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
            response.getCoyoteResponse().setErrorReported();
        }
    }
}
