package io.promoagent.example.cli;

import io.promoagent.core.reply.ReplyJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.audit.AuditAnchor;
import io.promoagent.core.audit.AuditException;
import io.promoagent.core.audit.AuditRecord;
import io.promoagent.core.audit.AuditVerification;
import io.promoagent.core.audit.AuditVerifier;
import io.promoagent.example.server.ApiViews;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code audit verify}: fetches a running server's audit chain and checks it here, with the same
 * {@link AuditVerifier} the server uses, rather than trusting the server's own verdict, which it prints beside.
 * Exit code 0 when the chain is intact, 1 when it is broken (or the server says so), 2 on a bad command line.
 */
public final class AuditVerifyCommand implements Command {

    private static final String DEMO_USER = "analyst";
    private static final Pattern ANCHOR = Pattern.compile("([1-9][0-9]{0,17}):([0-9a-f]{64})");

    private final Map<String, String> environment;

    /** @param environment where {@code PROMO_AGENT_KEY} is looked up */
    public AuditVerifyCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String name() {
        return "audit verify";
    }

    @Override
    public String summary() {
        return "Check a running server's audit hash chain here, record by record";
    }

    @Override
    public String synopsis() {
        return "[--anchor SEQUENCE:HASH] [--json] [--url URL] [--key KEY]";
    }

    @Override
    public String help() {
        List<String> lines = new ArrayList<>(List.of(
                "Usage: promo-agent " + name() + " " + synopsis(),
                summary() + ".",
                "Reads GET /api/audit and checks it with agent-core's AuditVerifier rather than trusting the server's",
                "verdict (printed beside): sequences without gaps, each record linked to the one before by its hash,",
                "each hash the hash of the record's fields (docs/audit.md). Exit code 0 when intact, 1 when broken,",
                "naming the record and what is wrong with it.",
                "",
                "  --anchor SEQ:HASH    a head printed by an earlier run: the chain must still hold that record,",
                "                       which finds records cut off the end and a chain recomputed from scratch",
                "  --json               print the verdict as JSON"));
        lines.addAll(AgentServerClient.help(DEMO_USER));
        lines.add("");
        return String.join("\n", lines);
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        CommandArguments arguments = CommandArguments.parse(args, AgentServerClient.options("--anchor"),
                Set.of("--json", "--help"));
        if (arguments.hasFlag("--help")) {
            out.print(help());
            return PromoAgentCli.EXIT_SUCCESS;
        }
        Optional<AuditAnchor> anchor = anchor(arguments.value("--anchor"));
        AgentServerClient server = AgentServerClient.of(arguments, environment, DEMO_USER);
        JsonNode audit;
        ArrayNode records = JsonNodeFactory.instance.arrayNode();
        try {
            // page by page from the first record: the server answers at most 1000 at a time
            long from = 1;
            do {
                audit = server.get("/api/audit?from=" + from + "&limit=1000");
                if (!audit.path("records").isArray()) {
                    throw new ServerRequestException("the server at " + server.url()
                            + " answered GET /api/audit without a list of records");
                }
                records.addAll((ArrayNode) audit.get("records"));
                from = audit.path("next").asLong(0);
            } while (from > 0 && !audit.get("records").isEmpty());
        } catch (ServerRequestException e) {
            err.println("promo-agent: " + e.getMessage());
            return PromoAgentCli.EXIT_FAILURE;
        }
        Chain chain = verify(records, anchor);
        Optional<JsonNode> serverVerdict = Optional.ofNullable(audit.get("verification")).filter(JsonNode::isObject);
        boolean serverSaysBroken = serverVerdict.map(v -> !v.path("valid").asBoolean(true)).orElse(false);
        if (arguments.hasFlag("--json")) {
            out.println(ReplyJson.writeTree(json(chain, serverVerdict)));
        } else {
            out.print(text(chain, serverVerdict));
        }
        return chain.verification().valid() && !serverSaysBroken ? PromoAgentCli.EXIT_SUCCESS : PromoAgentCli.EXIT_FAILURE;
    }

    /** The verdict on the records, and the last record read when the chain is intact. */
    private record Chain(AuditVerification verification, Optional<AuditRecord> head) {
    }

    private static Chain verify(JsonNode records, Optional<AuditAnchor> anchor) {
        AuditVerifier verifier = new AuditVerifier(anchor);
        AuditRecord last = null;
        int position = 0;
        for (JsonNode node : records) {
            position++;
            try {
                last = AuditRecord.fromTree(node);
            } catch (AuditException e) {
                return new Chain(AuditVerification.broken(position, position, "record " + position
                        + " cannot be read: " + e.getMessage()), Optional.empty());
            }
            if (!verifier.check(last)) {
                break;
            }
        }
        AuditVerification verification = verifier.result();
        return new Chain(verification, verification.valid() ? Optional.ofNullable(last) : Optional.empty());
    }

    private static String text(Chain chain, Optional<JsonNode> serverVerdict) {
        AuditVerification v = chain.verification();
        StringBuilder s = new StringBuilder();
        if (v.valid()) {
            s.append("Audit chain intact: ").append(v.recordsChecked()).append(v.recordsChecked() == 1 ? " record" : " records")
                    .append(" verified here.\n");
            chain.head().ifPresent(h -> s.append("Head: record ").append(h.sequence()).append(", hash ").append(h.hash())
                    .append("\nKeep it to check later that no record was cut off or rewritten: --anchor ")
                    .append(h.sequence()).append(':').append(h.hash()).append('\n'));
        } else {
            s.append("Audit chain BROKEN at record ").append(v.firstBadSequence().getAsLong()).append(": ")
                    .append(v.problem()).append(" (").append(v.recordsChecked()).append(" records checked here)\n");
        }
        if (serverVerdict.isEmpty()) {
            return s.append("The server sent no verdict of its own.\n").toString();
        }
        JsonNode sv = serverVerdict.get();
        boolean serverValid = sv.path("valid").asBoolean(true);
        s.append("The server's own check: ");
        if (serverValid) {
            s.append("intact, ").append(sv.path("recordsChecked").asLong()).append(" records");
        } else {
            s.append("broken at record ").append(sv.path("firstBadSequence").asText()).append(": ")
                    .append(sv.path("problem").asText());
        }
        if (serverValid != v.valid()) {
            s.append(serverValid ? " (so the records it sent are not the ones it checked)"
                    : " (though the records it sent verify here)");
        }
        return s.append(".\n").toString();
    }

    private static ObjectNode json(Chain chain, Optional<JsonNode> serverVerdict) {
        // the same fields as the server's verdict, then the head and the server's verdict itself
        ObjectNode n = ApiViews.verification(chain.verification());
        if (chain.head().isPresent()) {
            n.putObject("head").put("sequence", chain.head().get().sequence()).put("hash", chain.head().get().hash());
        } else {
            n.putNull("head");
        }
        n.set("server", serverVerdict.orElse(null));
        return n;
    }

    private static Optional<AuditAnchor> anchor(Optional<String> text) throws UsageException {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = ANCHOR.matcher(text.get());
        if (!m.matches()) {
            throw new UsageException("--anchor must be SEQUENCE:HASH, a head printed by an earlier audit verify"
                    + " (a record number and 64 lower-case hex digits), got '" + text.get() + "'");
        }
        return Optional.of(new AuditAnchor(Long.parseLong(m.group(1)), m.group(2)));
    }
}
