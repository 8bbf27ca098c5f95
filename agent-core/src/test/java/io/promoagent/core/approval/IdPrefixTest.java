package io.promoagent.core.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.core.ToolEffect;
import io.promoagent.core.change.ChangeSet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The whole id meant by the start of one: at least 8 characters, starting exactly one id. */
class IdPrefixTest {

    static ApprovalRecord record(String approvalId, String changeSetId) {
        ChangeSet cs = ChangeSet.builder().id(changeSetId).tool("create_promotion").effect(ToolEffect.WRITE)
                .summary("Create VIP25").arguments(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode())
                .requester("mia").createdAt(Instant.EPOCH).build();
        return ApprovalRecord.pending(approvalId, cs, "hash", "1", Instant.EPOCH.plusSeconds(900), Optional.empty());
    }

    static final List<ApprovalRecord> ALL = List.of(record("3f2a9c1d-0000-4000-8000-000000000001", "cs-aaaaaaaa-1"),
            record("3f2a9c1d-0000-4000-8000-000000000002", "cs-bbbbbbbb-1"),
            record("7e11b3aa-0000-4000-8000-000000000003", "cs-cccccccc-1"));

    static String approval(String given) {
        Optional<ApprovalRecord> exact = ALL.stream().filter(r -> r.approvalId().equals(given)).findFirst();
        return IdPrefix.resolve(given, exact, () -> ALL, ApprovalRecord::approvalId, "approval");
    }

    @Test
    void aUniqueStartOfEightOrMoreStandsForTheWholeId() {
        assertThat(approval("7e11b3aa")).isEqualTo("7e11b3aa-0000-4000-8000-000000000003");
        assertThat(approval("7E11B3AA-00")).isEqualTo("7e11b3aa-0000-4000-8000-000000000003");
        assertThat(approval("3f2a9c1d-0000-4000-8000-000000000002")).isEqualTo("3f2a9c1d-0000-4000-8000-000000000002");
    }

    @Test
    void aStartOfSeveralIdsIsAmbiguousAndNamesThem() {
        assertThatThrownBy(() -> approval("3f2a9c1d")).isInstanceOfSatisfying(ApprovalException.class, e -> {
            assertThat(e.code()).isEqualTo(ApprovalException.AMBIGUOUS_ID);
            assertThat(e.getMessage()).contains("starts 2 approval ids").contains("give more characters")
                    .contains("3f2a9c1d-0000-4000-8000-000000000001");
        });
    }

    @Test
    void aStartShorterThanEightIsRefusedEvenWhenUnique() {
        assertThatThrownBy(() -> approval("7e11b3a")).isInstanceOfSatisfying(ApprovalException.class,
                e -> assertThat(e.code()).isEqualTo(ApprovalException.ID_TOO_SHORT));
    }

    @Test
    void aStartOfNoIdIsReturnedForTheCallerToRefuseAsUnknown() {
        assertThat(approval("99999999")).isEqualTo("99999999");
    }

    @Test
    void changeSetIdsResolveTheSameWay() {
        assertThat(IdPrefix.resolve("cs-bbbbb", Optional.empty(), () -> ALL, r -> r.changeSet().id(), "change set"))
                .isEqualTo("cs-bbbbbbbb-1");
    }
}
