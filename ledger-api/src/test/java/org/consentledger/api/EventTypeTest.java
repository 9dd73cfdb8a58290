package org.consentledger.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The names published and hashed are fixed strings: a renamed or moved class fails here, not in the field. */
class EventTypeTest {

    @ParameterizedTest
    @CsvSource({
            "CONSENT_GIVEN,     consent.given,     ConsentGiven,            org.consentledger.consent.given,     org.consentledger.api.consent.ConsentGiven",
            "CONSENT_WITHDRAWN, consent.withdrawn, ConsentWithdrawn,        org.consentledger.consent.withdrawn, org.consentledger.api.consent.ConsentWithdrawn",
            "POLICY_PUBLISHED,  policy.published,  CookiePolicyPublished, org.consentledger.policy.published,  org.consentledger.api.policy.CookiePolicyPublished",
            "SUBJECT_ERASED,    subject.erased,    SubjectErased,         org.consentledger.subject.erased,    ",
            "NOTICE_PUBLISHED,  notice.published,  NoticePublished,       org.consentledger.notice.published,  "})
    void eachTypeKeepsTheNamesItWasReleasedWith(EventType type, String stable, String label, String cloudEvent,
                                                 String formatOne) {
        assertThat(type.stableName()).isEqualTo(stable);
        assertThat(type.label()).isEqualTo(label);
        assertThat(type.cloudEventType()).isEqualTo(cloudEvent);
        assertThat(type.formatOneName()).isEqualTo(formatOne);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void newEventsAreStoredUnderTheirStableNameAndReadBackIntoTheirRecord(EventType type) {
        assertThat(type.storedName(type.payloadType())).isEqualTo(type.stableName());
        assertThat(EventType.ofStoredName(type.stableName())).contains(type);
        assertThat(type.typeStoredAs(type.stableName())).isEqualTo(type.payloadType());
        assertThat(EventType.formatOf(type.stableName())).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = {"SUBJECT_ERASED", "NOTICE_PUBLISHED"},
            mode = EnumSource.Mode.EXCLUDE)
    void formatOneEventsAreReadUnderTheClassNameTheyWereStoredWith(EventType type) {
        // Events already stored and hashed name the class their payload had then; the class may have moved since.
        assertThat(EventType.ofStoredName(type.formatOneName())).contains(type);
        assertThat(type.typeStoredAs(type.formatOneName())).isEqualTo(type.formatOneType());
        assertThat(EventType.formatOf(type.formatOneName())).isEqualTo(1);
        assertThat(EventType.ofPayload(type.formatOneType())).contains(type);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyNameLeadsBackToItsType(EventType type) {
        assertThat(EventType.ofPayload(type.payloadType())).contains(type);
        assertThat(EventType.ofStableName(type.stableName())).contains(type);
        assertThat(EventType.ofCloudEventType(type.cloudEventType())).contains(type);
    }

    @Test
    void namesAreUniqueAndUnknownOnesAreNotGuessed() {
        assertThat(Arrays.stream(EventType.values()).map(EventType::stableName)).doesNotHaveDuplicates();
        assertThat(EventType.ofFormatOneName("ConsentGiven")).isEmpty();
        assertThat(EventType.ofCloudEventType("consent.given")).isEmpty();
        assertThatThrownBy(() -> EventType.of("a string")).isInstanceOf(IllegalArgumentException.class);
    }
}
