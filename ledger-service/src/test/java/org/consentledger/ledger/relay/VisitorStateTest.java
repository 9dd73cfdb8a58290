package org.consentledger.ledger.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.consentledger.api.consent.ConsentStatus;
import org.consentledger.api.policy.CookiePolicy;
import org.consentledger.ledger.policy.TestPolicies;
import org.consentledger.verifier.Decision;
import org.junit.jupiter.api.Test;

class VisitorStateTest {

    static final Instant T = Instant.parse("2026-03-01T12:00:00Z");
    static final CookiePolicy V1 = TestPolicies.version1(T.minus(Duration.ofDays(30)));

    @Test
    void eachCategoryShowsItsLatestDecisionByWhenTheVisitorChoseNotByWhenItArrived() {
        Decision grant = given("e0", 0, T, List.of("statistics", "third-party"), List.of());
        Decision lateDenial = given("e1", 1, T.minusSeconds(60), List.of(), List.of("statistics"));
        Decision withdrawal = withdrawn("e2", 2, T.plusSeconds(60), List.of("third-party"));

        VisitorState state = VisitorState.fold("shop", "v", List.of(withdrawal, lateDenial, grant), v -> V1);

        assertThat(state.lastEventId()).isEqualTo("e2");
        assertThat(state.sequence()).isEqualTo(2);
        assertThat(state.categories()).extracting(VisitorState.CategoryState::id, VisitorState.CategoryState::status,
                        VisitorState.CategoryState::decidedBy)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("statistics", ConsentStatus.GRANTED, "e0"),
                        org.assertj.core.groups.Tuple.tuple("third-party", ConsentStatus.WITHDRAWN, "e2"));
        assertThat(state.categories().get(0).expiresAt()).isEqualTo(T.plus(Duration.ofDays(395)));
        assertThat(state.categories().get(1).expiresAt()).isNull();
    }

    @Test
    void withdrawingEverythingWithdrawsEachCategoryThatVersionAskedConsentFor() {
        VisitorState state = VisitorState.fold("shop", "v", List.of(
                given("e0", 0, T, List.of("statistics"), List.of()),
                withdrawn("e1", 1, T.plusSeconds(1), List.of())), v -> V1);

        assertThat(state.categories()).extracting(VisitorState.CategoryState::id)
                .containsExactly("first-party", "statistics", "third-party");
        assertThat(state.categories()).allSatisfy(c -> assertThat(c.status()).isEqualTo(ConsentStatus.WITHDRAWN));
    }

    private static Decision given(String id, long seq, Instant at, List<String> granted, List<String> denied) {
        return new Decision(id, seq, Decision.Kind.GIVEN, 1, at, T.plusSeconds(seq), granted, denied, List.of());
    }

    private static Decision withdrawn(String id, long seq, Instant at, List<String> categories) {
        return new Decision(id, seq, Decision.Kind.WITHDRAWN, 1, at, T.plusSeconds(seq), List.of(), List.of(), categories);
    }
}
