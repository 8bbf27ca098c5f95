package io.promoagent.promotions;

import static io.promoagent.promotions.PromotionStatus.ACTIVE;
import static io.promoagent.promotions.PromotionStatus.DRAFT;
import static io.promoagent.promotions.PromotionStatus.EXPIRED;
import static io.promoagent.promotions.PromotionStatus.PAUSED;
import static io.promoagent.promotions.PromotionStatus.SCHEDULED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PromotionLifecycleTest {

    /** The legal moves, and no others. */
    static final Set<List<PromotionStatus>> LEGAL = Set.of(
            List.of(DRAFT, SCHEDULED), List.of(DRAFT, ACTIVE),
            List.of(SCHEDULED, ACTIVE), List.of(SCHEDULED, EXPIRED),
            List.of(ACTIVE, PAUSED), List.of(ACTIVE, EXPIRED),
            List.of(PAUSED, ACTIVE), List.of(PAUSED, EXPIRED));

    static Stream<Arguments> legalMoves() {
        return LEGAL.stream().map(m -> Arguments.of(m.get(0), m.get(1)));
    }

    static Stream<Arguments> illegalMoves() {
        List<Arguments> moves = new ArrayList<>();
        for (PromotionStatus from : PromotionStatus.values()) {
            for (PromotionStatus to : PromotionStatus.values()) {
                if (!LEGAL.contains(List.of(from, to))) {
                    moves.add(Arguments.of(from, to));
                }
            }
        }
        return moves.stream();
    }

    @Test
    void everyPairOfStatusesIsEitherLegalOrRefused() {
        assertThat(legalMoves().count() + illegalMoves().count()).isEqualTo(25);
        assertThat(legalMoves().count()).isEqualTo(8);
    }

    @ParameterizedTest(name = "{0} may become {1}")
    @MethodSource("legalMoves")
    void aLegalMoveIsAllowed(PromotionStatus from, PromotionStatus to) {
        assertThat(from.canMoveTo(to)).isTrue();
        assertThat(from.refusalOfMoveTo(to)).isEmpty();
    }

    @ParameterizedTest(name = "{0} may not become {1}")
    @MethodSource("illegalMoves")
    void anIllegalMoveIsRefusedWithAReason(PromotionStatus from, PromotionStatus to) {
        assertThat(from.canMoveTo(to)).isFalse();
        assertThat(from.refusalOfMoveTo(to)).hasValueSatisfying(reason -> assertThat(reason).isNotBlank());
    }

    @Test
    void theReasonsSayWhy() {
        assertThat(EXPIRED.refusalOfMoveTo(ACTIVE)).hasValueSatisfying(r -> assertThat(r).contains("expired", "new promotion"));
        assertThat(ACTIVE.refusalOfMoveTo(ACTIVE)).contains("the promotion is already active");
        assertThat(PAUSED.refusalOfMoveTo(DRAFT)).hasValueSatisfying(r -> assertThat(r).contains("cannot go back to draft"));
        assertThat(DRAFT.refusalOfMoveTo(PAUSED)).hasValueSatisfying(r -> assertThat(r).contains("never run"));
        assertThat(SCHEDULED.refusalOfMoveTo(PAUSED)).hasValueSatisfying(r -> assertThat(r).contains("not started"));
    }

    @Nested
    class OnAPromotion {

        final Promotion july = PromotionTest.valid().window(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 7, 31)).build();

        Promotion in(PromotionStatus s) {
            return july.toBuilder().status(s).build();
        }

        @Test
        void movesAlongTheLifecycleAndChangesNothingElse() {
            Promotion paused = in(ACTIVE).withStatus(PAUSED, LocalDate.of(2026, 7, 10));

            assertThat(paused.status()).isEqualTo(PAUSED);
            assertThat(paused.toBuilder().status(ACTIVE).build()).isEqualTo(in(ACTIVE));
        }

        @Test
        void refusesAnIllegalMoveNamingTheCodeAndTheReason() {
            assertThatThrownBy(() -> in(EXPIRED).withStatus(ACTIVE, LocalDate.of(2026, 7, 10)))
                    .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
                        assertThat(e.from()).isEqualTo(EXPIRED);
                        assertThat(e.to()).isEqualTo(ACTIVE);
                        assertThat(e.getMessage()).contains("TEST25", "expired", "active", e.reason());
                    });
        }

        @Test
        void becomesActiveOnlyWithinItsWindow() {
            assertThatThrownBy(() -> in(PAUSED).withStatus(ACTIVE, LocalDate.of(2026, 8, 1)))
                    .isInstanceOfSatisfying(IllegalTransitionException.class, e -> assertThat(e.reason()).contains("ended on 2026-07-31"));
            assertThatThrownBy(() -> in(DRAFT).withStatus(ACTIVE, LocalDate.of(2026, 6, 30)))
                    .isInstanceOfSatisfying(IllegalTransitionException.class, e -> assertThat(e.reason()).contains("starts on 2026-07-01"));
            assertThat(in(DRAFT).withStatus(ACTIVE, LocalDate.of(2026, 7, 1)).status()).isEqualTo(ACTIVE);
        }

        @Test
        void isScheduledOnlyBeforeItsStart() {
            assertThat(in(DRAFT).withStatus(SCHEDULED, LocalDate.of(2026, 6, 30)).status()).isEqualTo(SCHEDULED);
            assertThatThrownBy(() -> in(DRAFT).withStatus(SCHEDULED, LocalDate.of(2026, 7, 1)))
                    .isInstanceOf(IllegalTransitionException.class);
        }
    }
}
