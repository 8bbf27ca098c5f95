package io.promoagent.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.planner.plan.ConfidencePolicy;
import io.promoagent.planner.plan.Plan;
import io.promoagent.planner.plan.ReadPlan;
import io.promoagent.planner.plan.WordUse;
import io.promoagent.schema.ir.Aggregate;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.RuleRef;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.DataModelYaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The library model with a {@code vocabulary} section: the host's phrases are read from YAML, reach the
 * planner through {@code OfflinePlanner.builder(model)} alone, and are accounted for as word uses.
 */
class ModelVocabularyTest {

    private static final String VOCABULARY = """

            vocabulary:
              - {phrase: "scofflaws", means: {rule: in_debt}}
              - {phrase: "whodunits", means: {value: books.genre = fiction}}
              - {phrase: "tomes", means: {entity: books}}
              - {phrase: "late money", means: {measure: total_fees}}
              - {phrase: "print year", means: {field: books.published_year}}
            """;

    private static final DataModel MODEL = DataModelYaml.parse(libraryYaml() + VOCABULARY, "library-model.yaml");
    private static final OfflinePlanner PLANNER = OfflinePlanner.builder(MODEL).clock(Demo.CLOCK).build();

    @Test
    void aPhraseOfTheModelsVocabularyIsUnderstoodAndAccountedFor() {
        ReadPlan p = sure("show scofflaws");
        assertThat(p.query()).isEqualTo(Query.builder("members").where(RuleRef.of("in_debt")).build());
        assertThat(p.words()).allMatch(WordUse::accounted)
                .filteredOn(w -> w.text().equalsIgnoreCase("scofflaws")).singleElement()
                .satisfies(w -> assertThat(w.use()).contains("in_debt"));

        assertThat(sure("whodunits").query())
                .isEqualTo(Query.builder("books").where(Compare.eq("genre", "fiction")).build());
        assertThat(sure("how many tomes").query())
                .isEqualTo(Query.builder("books").aggregate(Aggregate.count()).build());
        assertThat(sure("late money").query())
                .isEqualTo(Query.builder("loans").aggregate(Aggregate.measure("total_fees")).build());
    }

    @Test
    void withoutTheSectionThePhraseIsNotUnderstood() {
        OfflinePlanner plain = OfflinePlanner.builder(LibraryModelTest.LIBRARY).clock(Demo.CLOCK).build();
        assertThat(ConfidencePolicy.DEFAULT.isSure(plain.plan("show scofflaws"))).isFalse();
    }

    @Test
    void aRequestWithThePhraseAndAnUnknownWordStaysUnsure() {
        Plan p = PLANNER.plan("show scofflaws zorbified");
        assertThat(ConfidencePolicy.DEFAULT.isSure(p)).as(p.toString()).isFalse();
    }

    private static ReadPlan sure(String request) {
        Plan p = PLANNER.plan(request);
        assertThat(ConfidencePolicy.DEFAULT.isSure(p)).as(request + ": " + p).isTrue();
        return (ReadPlan) p;
    }

    private static String libraryYaml() {
        try (InputStream in = ModelVocabularyTest.class.getResourceAsStream("library-model.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
