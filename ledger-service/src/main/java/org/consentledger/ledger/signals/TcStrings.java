package org.consentledger.ledger.signals;

import com.iabtcf.decoder.TCString;
import com.iabtcf.utils.IntIterable;
import com.iabtcf.v2.PublisherRestriction;
import com.iabtcf.v2.RestrictionType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.consentledger.api.signals.TcfConsent;
import org.consentledger.ledger.LedgerRejection;

/**
 * Reads IAB TCF v2 TC strings with the IAB Tech Lab's own decoder ({@code com.iabtcf:iabtcf-decoder}), never with one
 * of the ledger's: what a CMP encoded is read as every other party of the framework reads it.
 */
public final class TcStrings {

    /** The field a TC string is sent in, which a refusal names. */
    public static final String FIELD = "tcString";

    private TcStrings() {
    }

    /**
     * @throws LedgerRejection naming {@value #FIELD} for a string that is not base64url, is cut short, is of TCF
     *                         version 1, or does not start with a core segment
     */
    public static TcfConsent decode(String tcString) {
        try {
            TCString decoded = TCString.decode(tcString);
            if (decoded.getVersion() != 2) {
                throw refused("it is of TCF version %d; the ledger reads version 2".formatted(decoded.getVersion()));
            }
            // The decoder reads fields when asked: every one is read here, so that a string cut short fails now.
            return new TcfConsent(deciseconds(decoded.getCreated()), deciseconds(decoded.getLastUpdated()),
                    decoded.getCmpId(), decoded.getCmpVersion(), decoded.getConsentScreen(),
                    decoded.getConsentLanguage(), decoded.getVendorListVersion(), decoded.getTcfPolicyVersion(),
                    ids(decoded.getPurposesConsent()), ids(decoded.getPurposesLITransparency()),
                    ids(decoded.getSpecialFeatureOptIns()), ids(decoded.getVendorConsent()),
                    ids(decoded.getVendorLegitimateInterest()), restrictions(decoded.getPublisherRestrictions()));
        } catch (LedgerRejection e) {
            throw e;
        } catch (RuntimeException e) {
            throw refused(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (Exception e) {
            // The decoder declares checked exceptions for unsupported versions and unparsable bytes.
            throw refused(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private static LedgerRejection refused(String why) {
        return LedgerRejection.invalid(FIELD, "not a TCF v2 TC string the IAB's decoder can read: " + why);
    }

    private static Instant deciseconds(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    private static List<Integer> ids(IntIterable ids) {
        return ids.toStream().sorted().boxed().toList();
    }

    private static List<TcfConsent.PublisherRestriction> restrictions(List<PublisherRestriction> restrictions) {
        return restrictions.stream()
                .map(r -> new TcfConsent.PublisherRestriction(r.getPurposeId(), name(r.getRestrictionType()),
                        ids(r.getVendorIds())))
                .sorted(Comparator.comparingInt(TcfConsent.PublisherRestriction::purposeId)
                        .thenComparing(TcfConsent.PublisherRestriction::restrictionType))
                .collect(Collectors.toList());
    }

    private static String name(RestrictionType type) {
        return switch (type) {
            case NOT_ALLOWED -> restrictionName(0);
            case REQUIRE_CONSENT -> restrictionName(1);
            case REQUIRE_LEGITIMATE_INTEREST -> restrictionName(2);
            case UNDEFINED -> restrictionName(3);
        };
    }

    /** A publisher restriction's type by its number in the TCF specification. */
    static String restrictionName(int type) {
        return switch (type) {
            case 0 -> "not-allowed";
            case 1 -> "require-consent";
            case 2 -> "require-legitimate-interest";
            default -> "undefined";
        };
    }
}
