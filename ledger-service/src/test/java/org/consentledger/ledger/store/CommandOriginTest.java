package org.consentledger.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.junit.jupiter.api.Test;

/** Events name the command they came from; what an event processor handles adds nothing to what it creates. */
class CommandOriginTest {

    private final CorrelationDataProvider origin = new CommandOrigin().commandOriginProvider();

    @Test
    void aCommandIsTheOriginOfWhatItsHandlingCreates() {
        var command = GenericCommandMessage.asCommandMessage("give consent");
        Map<String, ?> origin = this.origin.correlationDataFor(command);
        assertThat(origin.get("correlationId")).isEqualTo(command.getIdentifier());
        assertThat(origin.get("traceId")).isEqualTo(command.getIdentifier());
    }

    @Test
    void anEventBeingHandledIsNotReadForCorrelation() {
        var event = GenericEventMessage.asEventMessage("consent given").andMetaData(Map.of("traceId", "t"));
        assertThat(origin.correlationDataFor(event)).isEmpty();
    }
}
