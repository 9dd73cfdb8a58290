package org.consentledger.ledger.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.consentledger.ledger.LedgerInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A browser opening the console gets its pages, modules and the evidence format's verifier without a token, each
 * under a Content-Security-Policy that lets only the console's own files run; the API keeps its own headers.
 */
class ConsolePagesIT {

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> get(LedgerInstance ledger, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(ledger.baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theConsoleIsServedUnderAStrictContentSecurityPolicy() throws Exception {
        try (LedgerInstance ledger = LedgerInstance.start(data, Clock.systemUTC())) {
            HttpResponse<String> redirect = get(ledger, "/console");
            assertThat(redirect.statusCode()).isEqualTo(302);
            assertThat(redirect.headers().firstValue("Location").orElseThrow()).endsWith("/console/");

            HttpResponse<String> page = get(ledger, "/console/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            assertThat(page.headers().firstValue("Content-Security-Policy"))
                    .hasValue(ConsoleHeaders.CONTENT_SECURITY_POLICY);
            assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(page.body()).contains("<script type=\"module\" src=\"app.mjs\"></script>");

            for (String module : List.of("/console/app.mjs", "/console/timeline.mjs",
                    "/console/lib/verify-bundle.mjs")) {
                HttpResponse<String> script = get(ledger, module);
                assertThat(script.statusCode()).as(module).isEqualTo(200);
                // Browsers run a module script only when it is served as JavaScript.
                assertThat(script.headers().firstValue("Content-Type").orElseThrow()).as(module)
                        .startsWith("text/javascript");
                assertThat(script.headers().firstValue("Content-Security-Policy")).as(module).isPresent();
            }
            assertThat(get(ledger, "/console/lib/verify-bundle.mjs").body())
                    .contains("export async function verifyBundle(text, publicKeyPem)");

            HttpResponse<String> api = get(ledger, "/api/v1/audit/status");
            assertThat(api.statusCode()).isEqualTo(401);
            assertThat(api.headers().firstValue("Content-Security-Policy")).isEmpty();
        }
    }
}
