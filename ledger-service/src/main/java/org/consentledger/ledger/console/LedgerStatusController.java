package org.consentledger.ledger.console;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.consentledger.ledger.access.AccessFilter;
import org.consentledger.ledger.access.AccessProperties;
import org.consentledger.ledger.admin.ReadModels;
import org.consentledger.ledger.evidence.Checkpoints;
import org.consentledger.ledger.evidence.MerkleLog;
import org.consentledger.ledger.relay.RelayLag;
import org.consentledger.ledger.store.StreamPositions;
import org.consentledger.store.readmodels.PolicyCatalogTable;
import org.consentledger.verifier.SignedCheckpoint;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ledger at a glance, for an auditor's console (audit role): how many events it holds, its newest signed
 * checkpoint, how far each processor has come, the Kafka relay, and the sites the caller's key reaches.
 */
@RestController
@Tag(name = "audit")
class LedgerStatusController {

    private final StreamPositions positions;
    private final ReadModels readModels;
    private final Checkpoints checkpoints;
    private final ObjectProvider<RelayLag> relay;
    private final PolicyCatalogTable catalog;

    LedgerStatusController(StreamPositions positions, ReadModels readModels, Checkpoints checkpoints,
                           ObjectProvider<RelayLag> relay, PolicyCatalogTable catalog) {
        this.positions = positions;
        this.readModels = readModels;
        this.checkpoints = checkpoints;
        this.relay = relay;
        this.catalog = catalog;
    }

    /**
     * @param events     the store's head: how many events the ledger holds (the global index of the newest)
     * @param checkpoint the newest signed checkpoint; null while the log is empty
     * @param relay      the Kafka relay; null when the ledger publishes to no Kafka
     */
    record LedgerStatus(long events, SignedCheckpoint checkpoint, List<Processor> processors, Relay relay,
                        List<String> sites) {
    }

    /** @param behind events the processor has still to handle */
    record Processor(String name, boolean replaying, long position, long behind) {
    }

    record Relay(String topic, boolean replaying, long position, long eventsBehind) {
    }

    @Operation(summary = "The ledger's size, newest signed checkpoint, processors' positions and lag, Kafka relay, "
            + "and the sites the key reaches")
    @GetMapping("/api/v1/audit/status")
    LedgerStatus status(@Parameter(hidden = true) @RequestAttribute(AccessFilter.KEY_ATTRIBUTE)
                        AccessProperties.Key key) {
        long head = positions.head();
        List<Processor> processors = new ArrayList<>();
        readModels.status().projections().forEach(p -> processors.add(new Processor(p.name(), p.replaying(),
                p.position(), Math.max(0, head - p.position()))));
        long merkle = positions.position(MerkleLog.NAME);
        processors.add(new Processor(MerkleLog.NAME, false, merkle, Math.max(0, head - merkle)));
        RelayLag lag = relay.getIfAvailable();
        return new LedgerStatus(head, checkpoints.checkpoint().orElse(null), processors,
                lag == null ? null : new Relay(lag.topic(), lag.replaying(), lag.position(), lag.eventsBehind()),
                catalog.sites().stream().filter(key::reaches).sorted().toList());
    }
}
