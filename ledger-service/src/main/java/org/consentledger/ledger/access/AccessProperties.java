package org.consentledger.ledger.access;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may call the ledger. Keys are configured by the SHA-256 of their token, so the configuration holds no secret;
 * with no key configured the ledger makes one with every role for every site and writes its token to
 * {@code tokenFile}, readable by the ledger's user only.
 *
 * @param tokenFile where the generated token is kept (and found again on the next start)
 * @param keys      the keys; when given, no token is generated
 */
@ConfigurationProperties("ledger.access")
public record AccessProperties(Path tokenFile, List<Key> keys) {

    public AccessProperties {
        tokenFile = tokenFile == null ? Path.of("./data/keys/access-token") : tokenFile;
        keys = keys == null ? List.of() : List.copyOf(keys);
    }

    /**
     * @param name        who holds the key, for the log
     * @param tokenSha256 hex SHA-256 of the token sent as {@code Authorization: Bearer <token>}
     * @param roles       what the key may do
     * @param sites       the sites it may do that for; {@code *} for every site
     */
    public record Key(String name, String tokenSha256, Set<Role> roles, Set<String> sites) {

        public Key {
            roles = roles == null ? Set.of() : Set.copyOf(roles);
            sites = sites == null ? Set.of() : Set.copyOf(sites);
        }

        /** Whether the key reaches the site's records (for the roles it has). */
        public boolean reaches(String siteId) {
            return sites.contains("*") || sites.contains(siteId);
        }

        boolean allows(RequiredAccess required) {
            return roles.contains(required.role())
                    && (required.site() == null || sites.contains("*") || sites.contains(required.site()));
        }
    }
}
