package io.promoagent.example.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.reply.ClarificationBlock;
import io.promoagent.core.reply.HeldReadBlock;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.reply.ReplyJson;
import io.promoagent.core.security.Principal;
import io.promoagent.example.app.DemoUsers;
import io.promoagent.example.app.EngineOptions;
import io.promoagent.example.app.PromotionEngine;
import io.promoagent.example.demo.DemoDataGenerator;
import io.promoagent.schema.AgentException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * {@code promo-agent ask}: answers a request, or every line of standard input in order, in one process over
 * the demo data in embedded DynamoDB Local and PostgreSQL (or the user's own data model and data), so that state
 * carries from one line to the next. Lines beginning with {@code /} are commands: {@code /as USER},
 * {@code /approve ID [reason]}, {@code /reject ID reason}, {@code /rollback CHANGE_SET_ID},
 * {@code /confirm HANDLE} (a read the guard held).
 */
public final class AskCommand implements Command {

    private static final Set<String> VALUES = CommandArguments.union(EngineArguments.OPTIONS, Set.of("--as"));
    private static final Set<String> FLAGS = Set.of("--json", "--help", "--explain", "--confirm-reads");

    private final Clock clock;
    private final InputStream in;

    public AskCommand(Clock clock, InputStream in) {
        this.clock = clock;
        this.in = in;
    }

    @Override
    public String name() {
        return "ask";
    }

    @Override
    public String summary() {
        return "Answer requests with the agent over the demo data (or your own), offline by default";
    }

    @Override
    public String synopsis() {
        return "[--json] [--explain] [--confirm-reads] " + DemoDataOptions.SYNOPSIS
                + " [--layout federated|dynamodb] [--as USER] [--data-model FILE --data DIR]"
                + " [--model bedrock:ID|openai:MODEL [--base-url URL]] [--otel console|otlp] [TEXT]";
    }

    @Override
    public String help() {
        return String.join("\n",
                "Usage: promo-agent ask " + synopsis(),
                summary() + ".",
                "Without TEXT, answers every line of standard input in order; state carries from one line to the next.",
                "",
                "  --json               one JSON line per input line: {\"question\": ..., \"reply\": {...}}",
                "  --explain            before answering, print how each request would be answered: the reading, each",
                "                       source call with its estimated records, read units and cost (nothing is read)",
                "  --confirm-reads      you confirm, in advance, every read the read budget holds in this run",
                "  --read-budget-units N, --read-budget-rows N, --large-table-items N, --read-price USD",
                "                       the read budget and price (docs/federation.md)",
                "  --seed N, --customers N, --now YYYY-MM-DD   the demo data (defaults " + DemoDataGenerator.DEFAULT_SEED
                        + ", " + DemoDataGenerator.DEFAULT_CUSTOMERS + ", today)",
                "  --layout federated|dynamodb   orders in an embedded PostgreSQL, customers and promotions in DynamoDB",
                "                       Local (federated, the default); or everything in DynamoDB Local",
                "  --as USER            analyst, marketer (default) or approver",
                "  --data-model FILE --data DIR   your data model and one JSON-lines file per entity",
                "  --model SPEC         ask a language model when the offline planner is unsure",
                "  --query-cache SECONDS   how long reads and answers are served from memory (default "
                        + EngineOptions.DEFAULT_QUERY_CACHE.toSeconds() + "; 0: none)",
                "  --otel console|otlp  export the agent's OpenTelemetry spans and metrics (standard error, or OTLP/HTTP)",
                "",
                "Commands on a line of their own: /as USER, /approve APPROVAL_ID [reason], /reject APPROVAL_ID reason,",
                "/rollback CHANGE_SET_ID, /confirm HANDLE (runs a read held for your confirmation).",
                "");
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        // every word that is neither an option nor its value is part of the request, however many
        CommandArguments arguments = CommandArguments.parse(args, VALUES, FLAGS, Integer.MAX_VALUE);
        List<String> words = arguments.positionals();
        if (arguments.hasFlag("--help")) {
            out.print(help());
            return PromoAgentCli.EXIT_SUCCESS;
        }
        Principal principal = EngineArguments.user(arguments);
        EngineOptions engineOptions = EngineArguments.options(arguments, clock);
        boolean json = arguments.hasFlag("--json");
        err.println(EngineArguments.loading(engineOptions));
        try (PromotionEngine engine = PromotionEngine.start(engineOptions)) {
            err.println(EngineArguments.holdings(engine));
            Conversation conversation = new Conversation(engine, principal, "cli-" + UUID.randomUUID(), json, out)
                    .explainingFirst(arguments.hasFlag("--explain")).confirmingReads(arguments.hasFlag("--confirm-reads"));
            InputTexts.forEach(words, in, text -> {
                conversation.answer(text);
                return true;
            });
            return PromoAgentCli.EXIT_SUCCESS;
        } catch (IOException e) {
            err.println("promo-agent: cannot read standard input: " + e.getMessage());
            return PromoAgentCli.EXIT_FAILURE;
        } catch (AgentException e) {
            err.println("promo-agent: " + e.getMessage());
            return PromoAgentCli.EXIT_FAILURE;
        }
    }

    /** One person's lines against one engine: who is speaking changes with {@code /as}. */
    static final class Conversation {
        private final PromotionEngine engine;
        private final String sessionId;
        private final boolean json;
        private final PrintStream out;
        private Principal principal;
        private boolean explainFirst;
        private boolean confirmReads;
        /** The options of the last question asked, which a number on the next line chooses from. */
        private List<String> options = List.of();

        Conversation(PromotionEngine engine, Principal principal, String sessionId, boolean json, PrintStream out) {
            this.engine = engine;
            this.principal = principal;
            this.sessionId = sessionId;
            this.json = json;
            this.out = out;
        }

        /** Prints how each request would be answered before answering it ({@code --explain}). */
        Conversation explainingFirst(boolean value) {
            this.explainFirst = value;
            return this;
        }

        /** Runs every read the guard holds, the person having confirmed them with {@code --confirm-reads}. */
        Conversation confirmingReads(boolean value) {
            this.confirmReads = value;
            return this;
        }

        void answer(String typed) {
            String line = chosen(typed);
            boolean command = line.startsWith("/");
            if (explainFirst && !command) {
                print(line, "explanation", engine.explainRequest(principal, sessionId, line));
            }
            Reply reply = command ? command(line) : engine.ask(principal, sessionId, line, p -> { });
            options = reply.blocks().stream().filter(b -> b instanceof ClarificationBlock)
                    .map(b -> ((ClarificationBlock) b).options()).findFirst().orElse(List.of());
            print(line, "reply", reply);
            if (confirmReads) {
                for (HeldReadBlock held : reply.blocks(HeldReadBlock.class)) {
                    print("/confirm " + held.handle(), "reply", engine.confirmRead(principal, sessionId, held.handle()));
                }
            }
        }

        private void print(String line, String field, Reply reply) {
            if (json) {
                ObjectNode node = ReplyJson.mapper().createObjectNode();
                node.put("question", line);
                node.set(field, ReplyJson.toTree(reply));
                out.println(ReplyJson.writeTree(node));
            } else {
                out.println((field.equals("explanation") ? "? explain " : "> ") + line);
                out.println(ReplyText.render(reply));
            }
            out.flush();
        }

        /** A number answering the last question's options is that option's text ("1" for the first). */
        private String chosen(String line) {
            if (line.matches("\\d{1,3}")) {
                int n = Integer.parseInt(line);
                if (n >= 1 && n <= options.size()) {
                    return options.get(n - 1);
                }
            }
            return line;
        }

        private Reply command(String line) {
            String[] parts = line.substring(1).trim().split("\\s+", 3);
            String verb = parts[0];
            String arg = parts.length > 1 ? parts[1] : "";
            String rest = parts.length > 2 ? parts[2] : "";
            switch (verb) {
                case "as": {
                    return DemoUsers.byName(arg).map(p -> {
                        principal = p;
                        return Reply.of("You are now " + p.id() + " (" + String.join(", ", p.roles()) + ").");
                    }).orElseGet(() -> Reply.error("unknown_user", "no demo user is called '" + arg + "'",
                            List.of("analyst", "marketer", "approver")));
                }
                case "approve":
                    return arg.isEmpty() ? usage("/approve APPROVAL_ID [reason]") : engine.approve(principal, arg, rest);
                case "reject":
                    return arg.isEmpty() || rest.isBlank() ? usage("/reject APPROVAL_ID reason") : engine.reject(principal, arg, rest);
                case "rollback":
                    return arg.isEmpty() ? usage("/rollback CHANGE_SET_ID") : engine.rollback(principal, arg);
                case "confirm":
                    return arg.isEmpty() ? usage("/confirm HANDLE") : engine.confirmRead(principal, sessionId, arg);
                default:
                    return Reply.error("unknown_command", "no command /" + verb,
                            List.of("/as", "/approve", "/reject", "/rollback", "/confirm"));
            }
        }

        private static Reply usage(String synopsis) {
            return Reply.error("usage", "usage: " + synopsis, List.of());
        }
    }
}
