package io.promoagent.example.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolSpecification;
import io.promoagent.core.reply.ApprovalBlock;
import io.promoagent.core.reply.ClarificationBlock;
import io.promoagent.core.reply.ErrorBlock;
import io.promoagent.core.reply.MetricBlock;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.reply.TableBlock;
import io.promoagent.core.security.Principal;
import io.promoagent.example.demo.Customer;
import io.promoagent.test.ScriptedChatModel;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The prototype's capabilities end to end (issue 7) through {@link PromotionEngine} over DynamoDB Local and
 * the generated demo data (seed 42, 300 customers, today 2026-06-30): reading, proposing, approving, sending
 * and rolling back, first as {@code promo-agent ask} does it with the offline planner, then with a language
 * model (scripted) calling the same tools. Each nested class starts its own engine.
 */
class CapabilitiesEndToEndTest {

    /** The real {@code ask} path: the offline planner turns each sentence into a tool call. */
    @Nested
    class WithTheOfflinePlanner extends EngineCapabilities {

        @Override
        PromotionEngine start() {
            return PromotionEngine.start(DemoFacts.options());
        }

        Reply ask(Principal principal, String text) {
            return engine.ask(principal, UUID.randomUUID().toString(), text, progress -> { });
        }

        @Override
        Reply showVipCustomers() {
            return ask(ANALYST, "Show VIP customers");
        }

        @Override
        Reply createVipDiscount() {
            return ask(MARKETER, "Create 25% VIP discount");
        }

        @Override
        Reply emailJohnByAddress() {
            return proposing("Email john@example.com about new promotion");
        }

        @Override
        Reply emailReachableVips() {
            return proposing("email all reachable VIP customers about the VIP25 promotion");
        }

        /** A request for an e-mail, which must come back as a proposal of the real send_email tool. */
        private Reply proposing(String request) {
            Reply reply = ask(MARKETER, request);
            assertThat(reply.blocks(ApprovalBlock.class))
                    .as("the offline planner should propose send_email for \"%s\"; it answered: %s", request, reply.blocks())
                    .isNotEmpty();
            return reply;
        }

        @Override
        Optional<Map<String, Object>> promotionWithCode(String code) {
            Reply reply = ask(ANALYST, "show promotion with code " + code);
            TableBlock table = single(reply, TableBlock.class);
            assertThat(table.entity()).isEqualTo("promotions");
            return table.rows().stream().filter(r -> code.equals(r.get("code"))).findFirst();
        }

        @Test
        void deleteAllCustomersIsRefusedAndNothingHappens() {
            int approvals = engine.approvals().size();
            int sent = engine.outbox().size();

            Reply reply = ask(MARKETER, "delete all customers");

            assertThat(single(reply, ErrorBlock.class).code()).isEqualTo("refused");
            assertNothingWritten(approvals, sent, reply);
            assertThat(single(ask(ANALYST, "How many customers do we have?"),
                    MetricBlock.class).value().intValue()).isEqualTo(DemoFacts.CUSTOMERS);
        }

        @Test
        void aHundredAndFiftyPercentDiscountIsAnErrorNamingTheBounds() {
            int approvals = engine.approvals().size();
            int sent = engine.outbox().size();

            Reply reply = ask(MARKETER, "create a 150% discount");

            assertThat(single(reply, ErrorBlock.class).message()).contains("between 1 and 100");
            assertNothingWritten(approvals, sent, reply);
        }

        @Test
        void emailJohnAsksWhichOfTheJohnsIsMeant() {
            int approvals = engine.approvals().size();
            int sent = engine.outbox().size();

            Reply reply = ask(MARKETER, "Email John about the promotion");

            ClarificationBlock question = single(reply, ClarificationBlock.class);
            assertThat(question.options()).as("options naming several Johns, in %s", question)
                    .hasSizeBetween(2, facts.johns().size()).doesNotHaveDuplicates()
                    .allSatisfy(o -> assertThat(facts.johns()).anySatisfy(john -> assertThat(o).contains(john.name(), john.id())));
            assertThat(question.message()).contains("John");
            assertNothingWritten(approvals, sent, reply);
        }
    }

    /** The language-model path: an {@code LlmOrchestrator} on a scripted model, over the same engine. */
    @Nested
    class WithAScriptedLanguageModel extends EngineCapabilities {

        private final ScriptSlot model = new ScriptSlot();

        @Override
        PromotionEngine start() {
            return EngineAssembly.assemble(DemoFacts.options(), Optional.of(model));
        }

        /** Asks with the model playing this script, which must be played to its end. */
        Reply ask(Principal principal, String text, ScriptedChatModel.Builder script) {
            ScriptedChatModel played = model.play(script.build());
            Reply reply = engine.ask(principal, UUID.randomUUID().toString(), text, progress -> { });
            played.assertAllTurnsUsed();
            return reply;
        }

        /** The model calls one tool, then answers. */
        Reply askCalling(Principal principal, String text, String tool, String arguments) {
            return ask(principal, text, ScriptedChatModel.builder().thenCallTool(tool, arguments).thenAnswer("Done."));
        }

        @Override
        Reply showVipCustomers() {
            return askCalling(ANALYST, "Show VIP customers", "query",
                    "{\"entity\":\"customers\",\"where\":{\"type\":\"rule\",\"rule\":\"vip\"}}");
        }

        @Override
        Reply createVipDiscount() {
            return askCalling(MARKETER, "Create 25% VIP discount", "create_promotion",
                    "{\"discount_type\":\"percent\",\"discount_value\":25,\"audience_rule\":\"vip\"}");
        }

        @Override
        Reply emailJohnByAddress() {
            return askCalling(MARKETER, "Email john@example.com about new promotion", "send_email",
                    "{\"to\":[\"john@example.com\"],\"promotion_code\":\"newest\"}");
        }

        @Override
        Reply emailReachableVips() {
            // consent and deliverability are the tool's to apply: the model names the VIPs
            return askCalling(MARKETER, "email all reachable VIP customers about the VIP25 promotion", "send_email",
                    "{\"audience_rule\":\"vip\",\"promotion_code\":\"VIP25\"}");
        }

        @Override
        Optional<Map<String, Object>> promotionWithCode(String code) {
            Reply reply = askCalling(ANALYST, "show promotion " + code, "query",
                    "{\"entity\":\"promotions\",\"where\":{\"type\":\"compare\",\"field\":\"code\",\"op\":\"eq\",\"value\":\""
                            + code + "\"}}");
            TableBlock table = single(reply, TableBlock.class);
            assertThat(table.rows().size()).isLessThanOrEqualTo(1);
            return table.rows().stream().findFirst();
        }

        @Test
        void theModelIsOfferedTheApplicationsTools() {
            showVipCustomers();

            List<ToolSpecification> offered = model.lastRequest().toolSpecifications();
            assertThat(offered).extracting(ToolSpecification::name).containsExactlyInAnyOrder("query",
                    "create_promotion", "change_promotion_status", "promotion_performance", "send_email");
        }

        @Test
        void deleteAllCustomersFindsNoToolAndNothingHappens() {
            int approvals = engine.approvals().size();
            int sent = engine.outbox().size();

            Reply reply = askCalling(MARKETER, "delete all customers", "delete_customers", "{}");

            assertThat(model.toolResults()).singleElement().satisfies(r -> {
                assertThat(r.isError()).isTrue();
                assertThat(r.text()).contains("delete_customers");
            });
            assertNothingWritten(approvals, sent, reply);
        }

        @Test
        void aHundredAndFiftyPercentDiscountComesBackToTheModelAsAnErrorNamingTheBounds() {
            int approvals = engine.approvals().size();
            int sent = engine.outbox().size();

            Reply reply = askCalling(MARKETER, "create a 150% discount", "create_promotion",
                    "{\"discount_type\":\"percent\",\"discount_value\":150}");

            assertThat(model.toolResults()).singleElement().satisfies(r -> {
                assertThat(r.isError()).isTrue();
                assertThat(r.text()).contains("between 1 and 100");
            });
            assertNothingWritten(approvals, sent, reply);
        }

        @Test
        void emailJohnShowsTheModelEveryJohnToAskAbout() {
            int approvals = engine.approvals().size();
            int sent = engine.outbox().size();

            Reply reply = ask(MARKETER, "Email John about the promotion", ScriptedChatModel.builder()
                    .thenCallTool("query", "{\"entity\":\"customers\",\"where\":{\"type\":\"compare\",\"field\":\"name\","
                            + "\"op\":\"begins_with\",\"value\":\"John \"}}")
                    .thenAnswer("Several customers are called John. Which one do you mean?"));

            TableBlock johns = single(reply, TableBlock.class);
            assertThat(johns.rows()).extracting(r -> r.get("id"))
                    .containsExactlyInAnyOrderElementsOf(facts.johns().stream().map(Customer::id).toList());
            assertThat(facts.johns()).as("the demo data has several Johns").hasSizeGreaterThan(1);
            assertThat(reply.blocks(ErrorBlock.class)).isEmpty();
            assertNothingWritten(approvals, sent, reply);
        }
    }
}
