package org.consentledger.ledger.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.consentledger.ledger.LedgerRejection;
import org.junit.jupiter.api.Test;

class VisitorPageTest {

    @Test
    void everyCharacterThatMeansSomethingInHtmlIsEscaped() {
        assertThat(VisitorPage.escape("<script>alert('x & \"y\"')</script>"))
                .isEqualTo("&lt;script&gt;alert(&#39;x &amp; &quot;y&quot;&#39;)&lt;/script&gt;");
        assertThat(VisitorPage.CONTENT_SECURITY_POLICY).startsWith("default-src 'none'; style-src 'sha256-")
                .doesNotContain("unsafe");
    }

    @Test
    void thePageIsForBrowsersAndForWhoeverAsksForItByName() {
        String browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        assertThat(VisitorExportController.html(null, browser)).isTrue();
        assertThat(VisitorExportController.html(null, "text/html")).isTrue();
        assertThat(VisitorExportController.html(null, "*/*")).isFalse();
        assertThat(VisitorExportController.html(null, null)).isFalse();
        assertThat(VisitorExportController.html(null, "application/json, text/html;q=0.5")).isFalse();
        assertThat(VisitorExportController.html(null, "not a media type;;")).isFalse();
        assertThat(VisitorExportController.html("html", "application/json")).isTrue();
        assertThat(VisitorExportController.html("json", browser)).isFalse();
        assertThatThrownBy(() -> VisitorExportController.html("pdf", null))
                .isInstanceOfSatisfying(LedgerRejection.class, e -> assertThat(e.field()).isEqualTo("format"));
    }
}
