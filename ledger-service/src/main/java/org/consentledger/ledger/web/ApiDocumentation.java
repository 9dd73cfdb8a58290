package org.consentledger.ledger.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.context.annotation.Configuration;

/** Names the API in its OpenAPI document and explains the roles its paths are grouped by. */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
        info = @Info(title = "Consent ledger API", version = "v1",
                description = "Append-only ledger of cookie consent, with point-in-time answers and their evidence."),
        tags = {
                @Tag(name = "ingest", description = "Sites, banners and back ends submit policies and choices"),
                @Tag(name = "audit", description = "Answers, policies and raw history, for auditors and the site"),
                @Tag(name = "admin", description = "Operating the read models")})
class ApiDocumentation {
}
