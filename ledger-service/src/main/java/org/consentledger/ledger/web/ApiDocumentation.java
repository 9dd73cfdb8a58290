package org.consentledger.ledger.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Contact;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Names the API in its OpenAPI document, explains the roles its paths are grouped by and how a client signs in. */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
        info = @Info(title = "Consent ledger API", version = "v1",
                description = "Append-only ledger of cookie consent, with point-in-time answers and their evidence.",
                contact = @Contact(name = "Consent ledger", url = "https://consentledger.org")),
        security = @SecurityRequirement(name = ApiDocumentation.BEARER),
        tags = {
                @Tag(name = "ingest", description = "Sites, banners and back ends submit policies and choices"),
                @Tag(name = "audit", description = "Answers, policies and raw history, for auditors and the site"),
                @Tag(name = "erase", description = "Forgetting visitors (GDPR art. 17)"),
                @Tag(name = "collect", description = "Visitors' browsers record their own choices, with the site's "
                        + "publishable key and no token, from the site's pages"),
                @Tag(name = "admin", description = "Operating the ledger: read models, relay, sites' collection")})
@SecurityScheme(name = ApiDocumentation.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An access token of a configured key (ledger.access.keys), whose roles and sites bound what it "
                + "may do; with no keys configured, the token the ledger generated on first start "
                + "(ledger.access.token-file)")
class ApiDocumentation {

    static final String BEARER = "bearer";

    @Bean
    ApiContract apiContract() {
        return new ApiContract();
    }
}
