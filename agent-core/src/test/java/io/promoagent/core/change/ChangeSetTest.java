package io.promoagent.core.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.Shop;
import io.promoagent.core.security.Principal;
import io.promoagent.core.tool.TestTools;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.ToolEffect;
import io.promoagent.schema.source.Row;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeSetTest {

    private final ToolContext mia = ToolContext.of(Principal.of("mia", "marketer"), Shop.CLOCK);

    private ChangeSet proposal() {
        return new TestTools.NoteTool().propose(
                new ToolCall("c1", "create_note", JsonNodeFactory.instance.objectNode().put("text", "hi")), mia);
    }

    @Test
    void takesToolEffectArgumentsRequesterAndTimeFromTheCall() {
        ChangeSet cs = proposal();

        assertThat(cs.tool()).isEqualTo("create_note");
        assertThat(cs.effect()).isEqualTo(ToolEffect.WRITE);
        assertThat(cs.arguments().path("text").asText()).isEqualTo("hi");
        assertThat(cs.requester()).isEqualTo("mia");
        assertThat(cs.createdAt()).isEqualTo(Instant.parse("2026-06-30T12:00:00Z"));
        assertThat(cs.affectedCount()).isEqualTo(1);
    }

    @Test
    void isAValueThatNoCallerCanChange() {
        ObjectNode args = JsonNodeFactory.instance.objectNode().put("text", "hi");
        ChangeSet cs = ChangeSet.builder().tool("t").effect(ToolEffect.WRITE).arguments(args).summary("s")
                .requester("mia").createdAt(Instant.EPOCH).build();

        args.put("text", "changed afterwards");
        ((ObjectNode) cs.arguments()).put("text", "changed through the accessor");

        assertThat(cs.arguments().path("text").asText()).isEqualTo("hi");
    }

    @Test
    void cannotBeARead() {
        assertThatThrownBy(() -> ChangeSet.builder().tool("t").effect(ToolEffect.READ)
                .arguments(JsonNodeFactory.instance.objectNode()).summary("s").requester("mia")
                .createdAt(Instant.EPOCH).build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hasOneDeterministicJsonForm() {
        ChangeSet cs = ChangeSet.builder().id("CS1").tool("change_status").effect(ToolEffect.WRITE)
                .arguments(JsonNodeFactory.instance.objectNode().put("code", "SUMMER25"))
                .summary("Pause SUMMER25")
                .affected(AffectedRecord.update("promotions", Map.of("id", "P1"),
                        Row.of(Map.of("status", "active", "budget", new BigDecimal("100.50"))),
                        Row.of(Map.of("status", "paused", "budget", new BigDecimal("100.50"))), "v7"))
                .requester("mia").createdAt(Instant.parse("2026-06-30T12:00:00Z")).build();

        JsonNode json = cs.toJson();

        assertThat(json.toString()).isEqualTo(cs.toJson().toString());
        assertThat(json.path("affected").get(0).path("before").path("budget").decimalValue())
                .isEqualTo(new BigDecimal("100.50"));
        assertThat(json.path("affected").get(0).path("version").asText()).isEqualTo("v7");
        assertThat(json.path("createdAt").asText()).isEqualTo("2026-06-30T12:00:00Z");
        assertThat(json.path("effect").asText()).isEqualTo("write");
    }

    @Test
    void anAffectedRecordNeedsAKeyOfRowValues() {
        assertThatThrownBy(() -> AffectedRecord.send("customers", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AffectedRecord.send("customers", Map.of("id", 42)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
