package io.promoagent.schema.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The {@code vocabulary} section: phrases a host's users write, each standing for something of the model. */
class VocabularyYamlTest {

    /** The minimal model of {@link DataModelYamlTest} with a rule, a measure and a vocabulary. */
    private static final String MODEL = DataModelYamlTest.MINIMAL + """
            rules:
              - {name: vip, entity: customers, where: {type: compare, field: segment, op: eq, value: VIP}}
            measures:
              - {name: revenue, entity: orders, aggregate: {fn: sum, field: total}}
            vocabulary:
              - {phrase: "big spenders", means: {rule: vip}}
              - {phrase: "sales", means: {measure: revenue}}
              - {phrase: "clients", means: {entity: customers}}
              - {phrase: "sign-up date", means: {field: customers.joined}}
              - {phrase: "gold", means: {value: customers.segment = VIP}}
            """;

    @Test
    void keepsEachPhraseWithWhatItStandsFor() {
        DataModel model = DataModelYaml.parse(MODEL, "m.yaml");
        assertThat(model.vocabulary()).containsExactly(
                new Phrase("big spenders", Phrase.Kind.RULE, "vip"),
                new Phrase("sales", Phrase.Kind.MEASURE, "revenue"),
                new Phrase("clients", Phrase.Kind.ENTITY, "customers"),
                new Phrase("sign-up date", Phrase.Kind.FIELD, "customers.joined"),
                new Phrase("gold", Phrase.Kind.VALUE, "customers.segment=VIP"));
        Phrase gold = model.vocabulary().get(4);
        assertThat(gold.entity()).isEqualTo("customers");
        assertThat(gold.field()).isEqualTo("segment");
        assertThat(gold.value()).isEqualTo("VIP");
    }

    @Test
    void aModelWithoutTheSectionHasNoPhrases() {
        assertThat(DataModelYaml.parse(MODEL.substring(0, MODEL.indexOf("vocabulary:")), "m.yaml").vocabulary()).isEmpty();
    }

    @Test
    void anUnknownKeyNamesTheClosestOne() {
        assertProblem(MODEL.replace("means: {rule: vip}", "meaning: {rule: vip}"),
                "vocabulary[0].meaning", "did you mean 'means'");
        assertProblem(MODEL.replace("{measure: revenue}", "{measures: revenue}"),
                "vocabulary[1].means.measures", "did you mean 'measure'");
    }

    @Test
    void aMeaningNamesExactlyOneThing() {
        assertProblem(MODEL.replace("{rule: vip}", "{rule: vip, measure: revenue}"),
                "vocabulary[0].means", "names one thing");
    }

    @Test
    void aRuleOrMeasureTheModelLacksNamesTheNearest() {
        assertProblem(MODEL.replace("{rule: vip}", "{rule: vips}"), "vocabulary[0].means.rule", "unknown rule 'vips'; did you mean 'vip'?");
        assertProblem(MODEL.replace("{measure: revenue}", "{measure: revenu}"),
                "vocabulary[1].means.measure", "did you mean 'revenue'?");
        assertProblem(MODEL.replace("{entity: customers}", "{entity: customer}"),
                "vocabulary[2].means.entity", "did you mean 'customers'?");
    }

    @Test
    void aFieldOrValueTheModelLacksNamesTheNearest() {
        assertProblem(MODEL.replace("customers.joined}", "customers.joind}"),
                "vocabulary[3].means.field", "unknown field 'joind' of entity 'customers'; did you mean 'joined'");
        assertProblem(MODEL.replace("customers.segment = VIP", "customers.segment = VIPs"),
                "vocabulary[4].means.value", "did you mean 'VIP'");
        assertProblem(MODEL.replace("customers.joined}", "joined}"),
                "vocabulary[3].means.field", "expected entity.field");
        assertProblem(MODEL.replace("customers.segment = VIP", "orders.total = 5"),
                "vocabulary[4].means.value", "enum field");
    }

    @Test
    void aPhraseIsWords() {
        assertProblem(MODEL.replace("\"big spenders\"", "\"% off\""), "vocabulary[0].phrase", "letters, digits");
    }

    private static void assertProblem(String yaml, String path, String problem) {
        assertThatThrownBy(() -> DataModelYaml.parse(yaml, "m.yaml"))
                .isInstanceOfSatisfying(DataModelException.class, e -> {
                    assertThat(e.path()).isEqualTo(path);
                    assertThat(e.problem()).contains(problem);
                    assertThat(e.line()).isPositive();
                });
    }
}
