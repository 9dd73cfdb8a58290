package org.consentledger.ledger.demo;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo banner, for trying the ledger locally: off unless asked for (the README's run command turns it on).
 *
 * @param enabled whether the service serves {@code /demo/} and sets the seed sites up to collect from it
 * @param origins the origins the demo page is opened from; empty for this service's own (localhost and 127.0.0.1
 *                on its port)
 */
@ConfigurationProperties("ledger.demo")
public record DemoProperties(@DefaultValue("false") boolean enabled, @DefaultValue List<String> origins) {
}
