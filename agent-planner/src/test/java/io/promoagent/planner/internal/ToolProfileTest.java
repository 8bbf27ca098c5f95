package io.promoagent.planner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.core.tool.ToolDescriptor;
import io.promoagent.core.ToolEffect;
import io.promoagent.planner.Demo;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The conventions by which a tool's descriptor tells the planner what its parameters take. */
class ToolProfileTest {

    static final ModelFacts FACTS = new ModelFacts(Demo.model());

    static Map<String, ToolProfile.Slot> slots(ToolDescriptor d) {
        return new ToolProfile(d, FACTS).slots.stream().collect(Collectors.toMap(ToolProfile.Slot::name, Function.identity()));
    }

    @Test
    void aToolIsAboutTheEntityItsNameNamesAndItsParametersMirrorThatEntitysFields() {
        ToolProfile p = new ToolProfile(Demo.createPromotion(), FACTS);
        assertThat(p.entity).hasValueSatisfying(e -> assertThat(e.name()).isEqualTo("promotions"));
        assertThat(p.creates).isTrue();
        Map<String, ToolProfile.Slot> s = slots(Demo.createPromotion());
        assertThat(s.get("discount_type").kind()).isEqualTo(ToolProfile.Kind.ENUM);
        assertThat(s.get("discount_type").valueWords().get("fixed")).contains("dollar off", "amount off", "fixed");
        assertThat(s.get("audience_rule").kind()).isEqualTo(ToolProfile.Kind.RULE);
        assertThat(s.get("code").kind()).as("a new promotion's own code").isEqualTo(ToolProfile.Kind.IDENT);
        assertThat(s.get("ends_at").kind()).isEqualTo(ToolProfile.Kind.DATE);
        assertThat(s.get("ends_at").end()).isTrue();
        assertThat(s.get("starts_at").end()).isFalse();
        assertThat(s.get("exclusive").kind()).isEqualTo(ToolProfile.Kind.BOOLEAN);
        assertThat(s.get("min_order_total").vocabulary()).contains("minimum", "order");
    }

    @Test
    void aCodeOfAnotherToolsEntityOrOfOneThatChangesRecordsNamesAnExistingRecord() {
        assertThat(slots(Demo.changePromotionStatus()).get("code").kind()).isEqualTo(ToolProfile.Kind.REFERENCE);
        ToolProfile.Slot code = slots(Demo.sendEmail()).get("promotion_code");
        assertThat(code.kind()).isEqualTo(ToolProfile.Kind.REFERENCE);
        assertThat(code.entity()).hasValueSatisfying(e -> assertThat(e.name()).isEqualTo("promotions"));
        assertThat(code.field()).hasValueSatisfying(f -> assertThat(f.name()).isEqualTo("code"));
    }

    @Test
    void anAudienceIsAConditionOnTheEntityItNames() {
        ToolProfile.Slot audience = slots(Demo.sendEmail()).get("audience");
        assertThat(audience.kind()).isEqualTo(ToolProfile.Kind.FILTER);
        assertThat(audience.entity()).hasValueSatisfying(e -> assertThat(e.name()).isEqualTo("customers"));
    }

    @Test
    void enumValuesAndTheirSynonymsAreVerbsOfTheTool() {
        ToolProfile p = new ToolProfile(Demo.changePromotionStatus(), FACTS);
        assertThat(p.valueVerbs).contains("resume", "root:paus", "root:activ");
        assertThat(p.keywords).contains("pause", "change", "status");
    }

    @Test
    void explicitEntitiesAndReferencesOverrideTheNames() {
        ToolDescriptor d = ToolDescriptor.of("give_voucher", "Gives one customer a voucher.", Demo.schema("""
                {"type":"object","x-entity":"customers",
                 "properties":{
                   "who":{"type":"string","x-references":"customers.id"},
                   "amount":{"type":"number"}},
                 "required":["who","amount"]}"""), ToolEffect.WRITE, "give", "voucher");
        ToolProfile p = new ToolProfile(d, FACTS);
        assertThat(p.entity).hasValueSatisfying(e -> assertThat(e.name()).isEqualTo("customers"));
        ToolProfile.Slot who = slots(d).get("who");
        assertThat(who.kind()).isEqualTo(ToolProfile.Kind.REFERENCE);
        assertThat(who.field()).hasValueSatisfying(f -> assertThat(f.name()).isEqualTo("id"));
    }
}
