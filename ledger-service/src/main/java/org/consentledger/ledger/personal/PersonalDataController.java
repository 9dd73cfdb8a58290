package org.consentledger.ledger.personal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** How the visitors' data keys are wrapped, for an operator rotating the key-encryption key (admin role). */
@RestController
@Tag(name = "admin")
class PersonalDataController {

    private final KeyRotation rotation;

    PersonalDataController(KeyRotation rotation) {
        this.rotation = rotation;
    }

    @Operation(summary = "The key-encryption key that wraps new data keys, and how many data keys each one wraps: "
            + "a key-encryption key that wraps none can be removed from the key file")
    @GetMapping("/api/v1/admin/personal-data/keys")
    KeyRotation.Standing keys() {
        return rotation.standing();
    }
}
