package org.consentledger.ledger.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which role a request needs, and for which site, from its method and path. */
class RequiredAccessTest {

    static final String SITE = "/api/v1/sites/shop.example.org";

    @Test
    void writingASitesRecordsNeedsIngestForThatSite() {
        assertThat(RequiredAccess.of("POST", SITE + "/visitors/v1/consents"))
                .isEqualTo(new RequiredAccess(Role.INGEST, "shop.example.org"));
        assertThat(RequiredAccess.of("POST", SITE + "/consents:batch"))
                .isEqualTo(new RequiredAccess(Role.INGEST, "shop.example.org"));
        assertThat(RequiredAccess.of("PUT", SITE + "/policies/3"))
                .isEqualTo(new RequiredAccess(Role.INGEST, "shop.example.org"));
    }

    @Test
    void readingASitesRecordsNeedsAuditForThatSite() {
        assertThat(RequiredAccess.of("GET", SITE + "/visitors/v1/consent"))
                .isEqualTo(new RequiredAccess(Role.AUDIT, "shop.example.org"));
        assertThat(RequiredAccess.of("GET", SITE + "/policies"))
                .isEqualTo(new RequiredAccess(Role.AUDIT, "shop.example.org"));
        assertThat(RequiredAccess.of("GET", SITE)).isEqualTo(new RequiredAccess(Role.AUDIT, "shop.example.org"));
    }

    @Test
    void theLogsProofsNeedAuditAndNoSite() {
        assertThat(RequiredAccess.of("GET", "/api/v1/audit/checkpoints/latest"))
                .isEqualTo(new RequiredAccess(Role.AUDIT, null));
        assertThat(RequiredAccess.of("POST", "/api/v1/audit/verify")).isEqualTo(new RequiredAccess(Role.AUDIT, null));
    }

    @Test
    void probesTheApiDescriptionAndTheCheckpointKeyAreOpen() {
        assertThat(RequiredAccess.of("GET", "/actuator/health").open()).isTrue();
        assertThat(RequiredAccess.of("GET", "/actuator/health/readiness").open()).isTrue();
        assertThat(RequiredAccess.of("GET", "/v3/api-docs").open()).isTrue();
        assertThat(RequiredAccess.of("GET", "/.well-known/consent-ledger/checkpoint-key.pem").open()).isTrue();
    }

    @Test
    void browsersCollectWithoutATokenButSettingUpCollectionNeedsAdmin() {
        assertThat(RequiredAccess.of("POST", "/api/v1/collect/shop.example").open()).isTrue();
        assertThat(RequiredAccess.of("OPTIONS", "/api/v1/collect/shop.example").open()).isTrue();
        assertThat(RequiredAccess.of("GET", "/api/v1/collect/shop.example/visitors/v-1").open()).isTrue();
        assertThat(RequiredAccess.of("GET", "/sdk/consent-ledger.js").open()).isTrue();
        assertThat(RequiredAccess.of("POST", "/api/v1/collect").open()).as("what /api/v1/collect/.. routes to")
                .isTrue();
        assertThat(RequiredAccess.of("PUT", "/api/v1/admin/sites/shop.example/collection"))
                .isEqualTo(new RequiredAccess(Role.ADMIN, null));
        assertThat(RequiredAccess.of("POST", "/api/v1/collected/shop.example"))
                .isEqualTo(new RequiredAccess(Role.ADMIN, null));
    }

    @Test
    void everythingElseNeedsAdmin() {
        assertThat(RequiredAccess.of("POST", "/api/v1/admin/projections/replay"))
                .isEqualTo(new RequiredAccess(Role.ADMIN, null));
        assertThat(RequiredAccess.of("GET", "/actuator/prometheus")).isEqualTo(new RequiredAccess(Role.ADMIN, null));
        assertThat(RequiredAccess.of("GET", "/actuator/healthz")).isEqualTo(new RequiredAccess(Role.ADMIN, null));
        assertThat(RequiredAccess.of("GET", "/api/v1/sites/")).isEqualTo(new RequiredAccess(Role.ADMIN, null));
        assertThat(RequiredAccess.of("GET", "/anything")).isEqualTo(new RequiredAccess(Role.ADMIN, null));
    }

    @Test
    void aKeyAllowsItsRolesForItsSitesOnly() {
        AccessProperties.Key banner = new AccessProperties.Key("banner", "0".repeat(64), Set.of(Role.INGEST),
                Set.of("shop.example.org"));
        assertThat(banner.allows(new RequiredAccess(Role.INGEST, "shop.example.org"))).isTrue();
        assertThat(banner.allows(new RequiredAccess(Role.INGEST, "other.example.org"))).isFalse();
        assertThat(banner.allows(new RequiredAccess(Role.AUDIT, "shop.example.org"))).isFalse();
        AccessProperties.Key operator = new AccessProperties.Key("operator", "0".repeat(64), Set.of(Role.AUDIT),
                Set.of("*"));
        assertThat(operator.allows(new RequiredAccess(Role.AUDIT, "any.example.org"))).isTrue();
        assertThat(operator.allows(new RequiredAccess(Role.AUDIT, null))).isTrue();
    }
}
