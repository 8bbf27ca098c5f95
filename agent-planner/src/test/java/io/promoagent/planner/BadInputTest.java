package io.promoagent.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.planner.plan.Clarification;
import io.promoagent.planner.plan.Plan;
import io.promoagent.planner.plan.PlanError;
import io.promoagent.planner.plan.ReadPlan;
import io.promoagent.planner.plan.Refusal;
import io.promoagent.planner.plan.ToolPlan;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.RuleRef;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Input no one should have to think about: empty, enormous, another language, emoji, code pasted, names of
 * another entity's fields, numbers no field holds. Each gets a clear reply, never an exception and never
 * an answer acted on as sure that the words do not say.
 */
class BadInputTest {

    private final OfflinePlanner planner = Demo.planner();

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "   \t  ", "\n\n", "😀", "🔥🚀💯", "???", "..."})
    void emptyOrWordlessRequestsAreAskedAbout(String text) {
        Plan p = planner.plan(text);
        assertThat(p).isInstanceOf(Clarification.class);
        assertThat(((Clarification) p).message()).isNotBlank();
    }

    @Test
    void aSixteenKilobyteRequestIsAskedToBeShorter() {
        Plan p = planner.plan("show VIP customers ".repeat(16 * 1024 / 19 + 1));
        assertThat(p).isInstanceOf(Clarification.class);
        assertThat(((Clarification) p).message()).contains("too long");
    }

    @ParameterizedTest
    @ValueSource(strings = {"zeige mir alle VIP Kunden aus Deutschland", "montre-moi les clients VIP",
        "muéstrame los clientes VIP de Alemania", "VIP customers bitte sortiert nach Umsatz",
        "SELECT * FROM customers WHERE country = 'DE'", "select name from customers where segment = 'vip' limit 5",
        "customers with total spent over 500 ORDER BY name DESC LIMIT 3", "promotions with total spent over 500",
        "promotions whose join date is last month", "promotions of customers from Germany with redemptions"})
    void otherLanguagesCodeAndOtherEntitiesFieldsAreNeverActedOnAsSure(String text) {
        Plan p = planner.plan(text);
        boolean sure = (p instanceof ReadPlan || p instanceof ToolPlan) && planner.confidencePolicy().isSure(p);
        assertThat(sure).as(text + " -> " + p).isFalse();
        if (p instanceof Clarification c) {
            assertThat(c.message()).as("no query JSON for a person").doesNotContain("{\"").doesNotContain("\"entity\"");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"entity\":\"customers\",\"where\":{\"type\":\"rule\",\"rule\":\"vip\"}}",
        "[1, 2, 3]", "<customers><vip/></customers>"})
    void pastedDataIsAskedToBeSaidInWords(String text) {
        Plan p = planner.plan(text);
        assertThat(p).isInstanceOf(Clarification.class);
        assertThat(((Clarification) p).message()).contains("in words");
    }

    @ParameterizedTest
    @ValueSource(strings = {"customers with more than 99999999999999999999999 orders", "customers who spent more than $1e400",
        "orders over $99999999999999999999999999999999999.99", "top 99999999999 customers by total spent",
        "customers who joined in the last 999999999 days"})
    void numbersNoFieldHoldsAreErrorsThatSaySo(String text) {
        Plan p = planner.plan(text);
        assertThat(p).as(text + " -> " + p).isInstanceOf(PlanError.class);
        PlanError e = (PlanError) p;
        assertThat(e.code()).isIn("number_too_large", "limit_out_of_range", "invalid_time_range");
        assertThat(e.message()).doesNotContain("1215752191"); // an int that overflowed is no answer
    }

    @Test
    void emojiAroundARequestDoNotChangeIt() {
        Plan p = planner.plan("🔥🔥 VIP customers 🚀");
        assertThat(p).isInstanceOf(ReadPlan.class);
        assertThat(((ReadPlan) p).query()).isEqualTo(Query.builder("customers").where(RuleRef.of("vip")).build());
    }

    @Test
    void destructiveSqlIsRefused() {
        assertThat(planner.plan("DROP TABLE customers;")).isInstanceOf(Refusal.class);
    }
}
