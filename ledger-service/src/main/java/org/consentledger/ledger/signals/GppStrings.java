package org.consentledger.ledger.signals;

import com.iab.gpp.encoder.GppModel;
import com.iab.gpp.encoder.datatype.RangeEntry;
import com.iab.gpp.encoder.field.HeaderV1Field;
import com.iab.gpp.encoder.field.UsNatField;
import com.iab.gpp.encoder.section.TcfEuV2;
import com.iab.gpp.encoder.section.UsNat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.consentledger.api.signals.GppConsent;
import org.consentledger.api.signals.TcfConsent;
import org.consentledger.api.signals.UsNatConsent;
import org.consentledger.ledger.LedgerRejection;

/**
 * Reads IAB GPP strings with the IAB Tech Lab's own library ({@code com.iabgpp:iabgpp-encoder}): the header, the
 * {@code tcfeuv2} section and the {@code usnat} section. Other sections are listed by id, kept in the string, and not
 * read.
 */
public final class GppStrings {

    /** The field a GPP string is sent in, which a refusal names. */
    public static final String FIELD = "gppString";
    /** What a GPP string's header states as its type, in its first six bits. */
    private static final int HEADER_TYPE = 3;

    private GppStrings() {
    }

    /** @throws LedgerRejection naming {@value #FIELD} for a string the library cannot read */
    public static GppConsent decode(String gppString) {
        try {
            GppModel model = new GppModel(gppString);
            if (!Integer.valueOf(HEADER_TYPE).equals(model.getHeader().getFieldValue(HeaderV1Field.ID))) {
                throw refused("it does not start with a GPP header");
            }
            List<Integer> sections = List.copyOf(model.getHeader().getSectionsIds());
            // The library takes the header's word for which sections there are.
            int held = gppString.split("~", -1).length - 1;
            if (sections.isEmpty() || held != sections.size()) {
                throw refused("its header lists %d sections, it holds %d".formatted(sections.size(), held));
            }
            // The library reads a section when asked: every field is read here, so that a string cut short fails now.
            TcfConsent tcf = model.hasSection(TcfEuV2.NAME) ? tcf(model.getTcfEuV2Section()) : null;
            UsNatConsent usNat = model.hasSection(UsNat.NAME) ? usNat(model.getUsNatSection()) : null;
            return new GppConsent(sections, tcf, usNat);
        } catch (LedgerRejection e) {
            throw e;
        } catch (RuntimeException e) {
            throw refused(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private static LedgerRejection refused(String why) {
        return LedgerRejection.invalid(FIELD, "not a GPP string the IAB's library can read: " + why);
    }

    private static TcfConsent tcf(TcfEuV2 section) {
        return new TcfConsent(section.getCreated().toInstant(), section.getLastUpdated().toInstant(),
                section.getCmpId(), section.getCmpVersion(), section.getConsentScreen(), section.getConsentLanguage(),
                section.getVendorListVersion(), section.getPolicyVersion(), ids(section.getPurposeConsents()),
                ids(section.getPurposeLegitimateInterests()), ids(section.getSpecialFeatureOptins()),
                sorted(section.getVendorConsents()), sorted(section.getVendorLegitimateInterests()),
                restrictions(section.getPublisherRestrictions()));
    }

    private static UsNatConsent usNat(UsNat section) {
        Object included = section.getFieldValue(UsNatField.GPC_SEGMENT_INCLUDED);
        // The section's getVersion() gives the newest version the library writes; the field gives the string's.
        return new UsNatConsent((Integer) section.getFieldValue(UsNatField.VERSION), section.getSharingNotice(),
                section.getSaleOptOutNotice(), section.getSharingOptOutNotice(), section.getTargetedAdvertisingOptOutNotice(),
                section.getSensitiveDataProcessingOptOutNotice(), section.getSensitiveDataLimitUseNotice(),
                section.getSaleOptOut(), section.getSharingOptOut(), section.getTargetedAdvertisingOptOut(),
                List.copyOf(section.getSensitiveDataProcessing()),
                List.copyOf(section.getKnownChildSensitiveDataConsents()), section.getPersonalDataConsents(),
                section.getMspaCoveredTransaction(), section.getMspaOptOutOptionMode(),
                section.getMspaServiceProviderMode(), Boolean.TRUE.equals(included) ? section.getGpc() : null);
    }

    /** A list of flags, the first for id 1, as the ids set. */
    private static List<Integer> ids(List<Boolean> flags) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < flags.size(); i++) {
            if (Boolean.TRUE.equals(flags.get(i))) {
                ids.add(i + 1);
            }
        }
        return ids;
    }

    private static List<Integer> sorted(List<Integer> ids) {
        return ids.stream().sorted().toList();
    }

    private static List<TcfConsent.PublisherRestriction> restrictions(List<RangeEntry> entries) {
        return entries.stream()
                .map(e -> new TcfConsent.PublisherRestriction(e.getKey(), TcStrings.restrictionName(e.getType()),
                        sorted(e.getIds())))
                .sorted(Comparator.comparingInt(TcfConsent.PublisherRestriction::purposeId)
                        .thenComparing(TcfConsent.PublisherRestriction::restrictionType))
                .toList();
    }
}
