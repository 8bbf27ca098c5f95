package io.promoagent.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.promoagent.core.ToolEffect;
import io.promoagent.core.approval.ApprovalService;
import io.promoagent.core.approval.ApprovedChangeSet;
import io.promoagent.core.change.AffectedRecord;
import io.promoagent.core.change.ApplyResult;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.change.InMemoryRecordStore;
import io.promoagent.core.change.RecordVersion;
import io.promoagent.core.change.StaleChangeException;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.tool.ToolDescriptor;
import io.promoagent.core.tool.ToolRegistry;
import io.promoagent.core.tool.WriteTool;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.testing.DemoShop;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The harness itself: it passes a tool that applies exactly its preview or nothing, and names the case
 * where a careless tool applies something else or changes the world while refusing.
 */
class ApplyMatchesPreviewHarnessTest {

    static final DataModel MODEL = DemoShop.model();
    static final DataFixture DATA = DataFixture.loadResources(MODEL, DemoShop.class, DemoShop.DATA);
    static final Map<String, Object> KEY = Map.of("id", "C00040");

    /** How a segment tool applies: honestly, or in one of two careless ways. */
    enum Apply { EXACTLY, ONTO_THE_CURRENT_RECORD, WRITES_THEN_REFUSES }

    /** Moves customer C00040 to the Gold segment; its apply is as careful as {@code how} says. */
    record SegmentTool(InMemoryRecordStore store, Apply how) implements WriteTool {

        @Override
        public ToolDescriptor descriptor() {
            return ToolDescriptor.of("set_segment", "Moves a customer to a segment.",
                    JsonNodeFactory.instance.objectNode().put("type", "object"), ToolEffect.WRITE);
        }

        @Override
        public ChangeSet propose(ToolCall call, ToolContext context) {
            Row now = store.find("customers", KEY).orElseThrow();
            return changeSet(call, context).summary("C00040 to Gold")
                    .affected(AffectedRecord.update("customers", KEY, now, gold(now), version(now))).build();
        }

        @Override
        public ApplyResult apply(ApprovedChangeSet approved, ToolContext context) {
            AffectedRecord r = approved.changeSet().affected().get(0);
            return switch (how) {
                case EXACTLY -> new ApplyResult(approved.changeSet().id(), store.write(List.of(r), approved.approvalId()), "done");
                case ONTO_THE_CURRENT_RECORD -> {
                    Row now = store.find("customers", KEY).orElseThrow();
                    yield new ApplyResult(approved.changeSet().id(), store.write(List.of(
                            AffectedRecord.update("customers", KEY, now, gold(now), version(now))), approved.approvalId()), "done");
                }
                case WRITES_THEN_REFUSES -> {
                    Row now = store.find("customers", KEY).orElseThrow();
                    store.write(List.of(AffectedRecord.update("customers", KEY, now, gold(now), version(now))), approved.approvalId());
                    throw new StaleChangeException("changed its mind");
                }
            };
        }

        static Row gold(Row r) {
            Map<String, Object> v = new LinkedHashMap<>(r.values());
            v.put("segment", "Gold");
            return Row.of(v);
        }

        static String version(Row r) {
            return RecordVersion.of(MODEL.requireEntity("customers"), r);
        }
    }

    /** A fresh store, the tool (wrapped so that changes can race its apply) and an approval service. */
    static final class Shop {
        final InMemoryRecordStore store = InMemoryRecordStore.builder(MODEL).rows(DATA.rows()).build();
        final ChangeAtApply racing;
        final ApprovalService approvals;

        Shop(Apply how) {
            racing = new ChangeAtApply(new SegmentTool(store, how));
            approvals = ApprovalService.builder(ToolRegistry.of(racing), "harness-test-signing-key-0123456789".getBytes(StandardCharsets.UTF_8))
                    .clock(DemoShop.CLOCK).build();
        }

        void rename(String name) {
            Row now = store.find("customers", KEY).orElseThrow();
            Map<String, Object> v = new LinkedHashMap<>(now.values());
            v.put("name", name);
            store.write(List.of(AffectedRecord.update("customers", KEY, now, Row.of(v), SegmentTool.version(now))), "rename");
        }
    }

    static ApplyMatchesPreviewHarness<Shop, RecordSnapshot> harness(Apply how) {
        Function<Shop, WriteTool> tool = shop -> shop.racing;
        return ApplyMatchesPreviewHarness.<Shop, RecordSnapshot>builder(() -> new Shop(how))
                .approvals(shop -> shop.approvals)
                .clock(shop -> DemoShop.CLOCK)
                .racing(shop -> shop.racing)
                .call(tool, ToolCall.of("set_segment", JsonNodeFactory.instance.objectNode()))
                .observe(shop -> RecordSnapshot.of(MODEL, shop.store::rows, "customers"))
                .expect((shop, previewed, before) -> before.applying(previewed))
                .mustRefuse("C00040 was renamed", shop -> shop.rename("Jon Smith"))
                .mustApply("another customer was renamed", shop -> {
                    Row other = shop.store.find("customers", Map.of("id", "C00001")).orElseThrow();
                    Map<String, Object> v = new LinkedHashMap<>(other.values());
                    v.put("name", "Jon Moore");
                    shop.store.write(List.of(AffectedRecord.update("customers", Map.of("id", "C00001"), other, Row.of(v),
                            SegmentTool.version(other))), "other");
                })
                .build();
    }

    @Test
    void passesAToolThatAppliesExactlyThePreviewOrNothing() {
        List<ApplyMatchesPreviewHarness.Outcome> outcomes = harness(Apply.EXACTLY).run();

        assertThat(outcomes).extracting(ApplyMatchesPreviewHarness.Outcome::change).containsExactly("nothing changed",
                "C00040 was renamed", "another customer was renamed",
                "C00040 was renamed (as the apply starts)", "another customer was renamed (as the apply starts)");
        assertThat(outcomes).allMatch(ApplyMatchesPreviewHarness.Outcome::holds);
        assertThat(outcomes).extracting(ApplyMatchesPreviewHarness.Outcome::applied).containsExactly(true, false, true, false, true);
        harness(Apply.EXACTLY).verify();
    }

    @Test
    void namesTheCaseWhereAToolAppliedSomethingOtherThanThePreview() {
        List<ApplyMatchesPreviewHarness.Outcome> failed = harness(Apply.ONTO_THE_CURRENT_RECORD).run().stream()
                .filter(o -> !o.holds()).toList();

        assertThat(failed).singleElement().satisfies(o -> {
            assertThat(o.change()).isEqualTo("C00040 was renamed (as the apply starts)");
            assertThat(o.problem()).hasValueSatisfying(p -> assertThat(p).contains("not the previewed change done", "Jon Smith"));
        });
        assertThatThrownBy(() -> harness(Apply.ONTO_THE_CURRENT_RECORD).verify()).isInstanceOf(AssertionError.class)
                .hasMessageContaining("C00040 was renamed (as the apply starts)");
    }

    @Test
    void namesTheCaseWhereARefusedApplyChangedTheWorld() {
        ApplyMatchesPreviewHarness.Outcome first = harness(Apply.WRITES_THEN_REFUSES).run().get(0);

        assertThat(first.applied()).isFalse();
        assertThat(first.refusal()).hasValueSatisfying(r -> assertThat(r).startsWith("stale: changed its mind"));
        assertThat(first.problem()).hasValueSatisfying(p -> assertThat(p).contains("it was refused, but the world changed"));
    }
}
