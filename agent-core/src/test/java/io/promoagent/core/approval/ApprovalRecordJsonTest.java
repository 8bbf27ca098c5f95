package io.promoagent.core.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.change.ApplyResult;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.internal.json.CanonicalJson;
import io.promoagent.core.security.Principal;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.security.ToolContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApprovalRecordJsonTest {

    @Test
    void aRecordReadBackEqualsTheRecordWrittenAndHashesTheSame() {
        PriceBook prices = new PriceBook();
        prices.put("p1", "10.50");
        ObjectNode args = JsonNodeFactory.instance.objectNode().put("price", new BigDecimal("9.90"));
        args.withArray("ids").add("p1").add("p2");
        ChangeSet cs = prices.propose(ToolCall.of("set_prices", args), ToolContext.of(Principal.of("mia", "marketer")));
        ApprovalRecord pending = ApprovalRecord.pending("a1", cs, ChangeSetDigest.of(cs, "1"), "1",
                Instant.parse("2026-06-30T10:15:00Z"), Optional.empty());
        ApprovalRecord applied = pending.decided(ApprovalStatus.APPROVED, "ada", Instant.parse("2026-06-30T10:01:00Z"), "ok",
                Optional.of("nonce"), Optional.of(Instant.parse("2026-06-30T10:16:00Z")))
                .applied(new ApplyResult(cs.id(), cs.affected(), "done"));
        ApprovalRecord applying = pending.decided(ApprovalStatus.APPROVED, "ada", Instant.parse("2026-06-30T10:01:00Z"), "ok",
                Optional.of("nonce"), Optional.of(Instant.parse("2026-06-30T10:16:00Z")))
                .applying(new ApplyAttempt("ada", "s-1", Instant.parse("2026-06-30T10:02:00Z")));

        for (ApprovalRecord r : new ApprovalRecord[] {pending, applied, applying}) {
            ApprovalRecord back = ApprovalRecordJson.read(ApprovalRecordJson.write(r));
            assertThat(back).isEqualTo(r);
            assertThat(ChangeSetDigest.of(back.changeSet(), "1")).isEqualTo(r.hash());
        }
    }

    @Test
    void canonicalJsonSortsKeysAndPrintsNumbersAsEcmaScriptDoes() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("b", new BigDecimal("12.50")).put("a", new BigDecimal("1E+21")).put("\u00e9", "x\ny").put("c", new BigDecimal("0.0000001"));
        assertThat(CanonicalJson.write(n)).isEqualTo("{\"a\":1e+21,\"b\":12.5,\"c\":1e-7,\"\u00e9\":\"x\\ny\"}");
        assertThat(CanonicalJson.number(new BigDecimal("100"))).isEqualTo("100");
        assertThat(CanonicalJson.number(new BigDecimal("-0.5"))).isEqualTo("-0.5");
        assertThat(CanonicalJson.number(new BigDecimal("123456789012345678901"))).isEqualTo("123456789012345680000");
    }
}
