package org.consentledger.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * An event's personal part as the ledger stores it (evidence format 2): sealed under its visitor stream's data key,
 * and the commitment to it that the event's hash covers in its place. Once the key is destroyed, the commitment
 * still proves the event whole while nothing can open the part any more.
 *
 * @param commitment lower-case hex SHA-256 of the part's salt and canonical form
 * @param sealed     the salt and the part, encrypted
 */
public record SealedPart(String commitment, byte[] sealed) {

    public SealedPart {
        Objects.requireNonNull(commitment, "commitment");
        Objects.requireNonNull(sealed, "sealed");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SealedPart that && commitment.equals(that.commitment)
                && Arrays.equals(sealed, that.sealed);
    }

    @Override
    public int hashCode() {
        return 31 * commitment.hashCode() + Arrays.hashCode(sealed);
    }

    @Override
    public String toString() {
        return "SealedPart[commitment=" + commitment + ", " + sealed.length + " bytes]";
    }
}
