package io.promoagent.planner.internal;

import io.promoagent.core.query.QueryTool;
import io.promoagent.core.tool.ToolDescriptor;
import io.promoagent.planner.plan.Clarification;
import io.promoagent.planner.plan.ConfidencePolicy;
import io.promoagent.planner.plan.Plan;
import io.promoagent.planner.plan.PlanError;
import io.promoagent.planner.plan.ReadPlan;
import io.promoagent.planner.plan.ReferenceResolver;
import io.promoagent.planner.plan.Refusal;
import io.promoagent.schema.ir.Aggregate;
import io.promoagent.schema.ir.GroupBy;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.json.QueryJson;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.validate.InvalidQueryException;
import io.promoagent.schema.validate.QueryError;
import io.promoagent.schema.model.QueryValidator;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Plans requests over one data model with no language model: cuts a request into tokens and chunks, then
 * reads it as a write or send of one of the tools, a refusal, or a query. The engine behind the public
 * {@code OfflinePlanner}; thread-safe.
 */
public final class RequestPlanner {

    /** Longer requests are not planned. */
    static final int MAX_CHARS = 2_000;

    /** Larger numbers fit no field (a long, or a decimal kept exactly) and cannot be meant. */
    private static final java.math.BigDecimal LARGEST = new java.math.BigDecimal("1000000000000000");

    private static final Set<String> POLITE = Set.of("please", "kindly", "can", "could", "would", "will", "you", "i",
            "we", "id", "wed", "want", "to", "like", "lets", "let", "us", "go", "ahead", "and", "now", "just", "need",
            "hey", "hi", "hello", "ok", "okay", "also", "then", "wanna", "should", "must", "ll", "ill", "well");

    private final DataModel model;
    private final ModelFacts facts;
    private final Lexicon lexicon;
    private final List<ToolProfile> tools;
    /** Read tools other than the query tool that declare keywords: reports the data model cannot express. */
    private final List<ToolProfile> reports;
    private final Optional<ReferenceResolver> resolver;
    private final Clock clock;
    private final QueryValidator validator;
    private final ConfidencePolicy policy;

    /**
     * @param tools    the tools whose write and send intents it recognises; read tools are ignored
     * @param resolver looks records up while planning, when given
     * @param clock    the clock "today" is read from
     * @param policy   below its threshold, a read or a write is asked about instead of planned
     */
    public RequestPlanner(DataModel model, Collection<ToolDescriptor> tools, Optional<ReferenceResolver> resolver,
                          Clock clock, ConfidencePolicy policy) {
        this(model, tools, resolver, clock, policy, java.util.Map.of());
    }

    /** As above, with a host's own phrases: phrase to the name of what it means (see {@code Lexicon}). */
    public RequestPlanner(DataModel model, Collection<ToolDescriptor> tools, Optional<ReferenceResolver> resolver,
                          Clock clock, ConfidencePolicy policy, java.util.Map<String, String> phrases) {
        this.model = model;
        this.facts = new ModelFacts(model);
        this.lexicon = Lexicon.of(model, phrases);
        List<ToolProfile> profiles = new ArrayList<>();
        List<ToolProfile> readers = new ArrayList<>();
        for (ToolDescriptor d : tools) {
            if (d.effect().needsApproval()) {
                profiles.add(new ToolProfile(d, facts));
            } else if (!d.name().equals(QueryTool.NAME) && !d.keywords().isEmpty()) {
                readers.add(new ToolProfile(d, facts));
            }
        }
        this.tools = List.copyOf(profiles);
        this.reports = List.copyOf(readers);
        this.resolver = resolver;
        this.clock = clock;
        this.validator = QueryValidator.of(model);
        this.policy = policy;
    }

    /** Plans one request. Never throws for what the request says. */
    public Plan plan(String text) {
        return plan(text, resolver);
    }

    /** Plans one request with look-ups made by {@code lookups} (the requester's, when it has one). */
    public Plan plan(String text, Optional<ReferenceResolver> lookups) {
        if (text == null || text.isBlank()) {
            return new Clarification("What would you like to know or do?", examples(), 0.1, "the request is empty");
        }
        if (text.length() > MAX_CHARS) {
            return new Clarification("That request is too long for me; please ask one thing at a time.", List.of(), 0.1,
                    "the request has " + text.length() + " characters");
        }
        String pasted = text.strip();
        if (pasted.startsWith("{") || pasted.startsWith("[") || pasted.startsWith("<")) {
            return new Clarification("That looks like code or data rather than a request; please ask in words, for"
                    + " example: " + String.join("; ", examples()), examples(), 0.1, "the request starts with "
                    + pasted.charAt(0));
        }
        LocalDate today = LocalDate.now(clock);
        List<Token> tokens = Tokenizer.tokenize(text);
        if (tokens.isEmpty()) {
            return new Clarification("What would you like to know or do?", examples(), 0.1, "the request has no words");
        }
        for (Token t : tokens) {
            if (t.number() != null && t.number().abs().compareTo(LARGEST) > 0) {
                return new PlanError("number_too_large", "the number " + t.text() + " is too large for any field here;"
                        + " numbers up to " + LARGEST.toPlainString() + " can be compared", List.of(), 0.9,
                        "a number beyond the fields' range");
            }
        }
        List<Chunk> chunks = Chunker.chunk(tokens, lexicon, today);
        PlanContext ctx = new PlanContext(facts, today, lookups, new Probe(facts, lookups), text, policy);
        int lead = lead(tokens);
        Chunk leadChunk = chunkAt(chunks, lead);
        boolean readLead = leadChunk instanceof Chunk.Word w && (w.role() == Grammar.Role.READ
                || w.role() == Grammar.Role.COUNT);
        // a report's own phrase ("buy most", "best month") says more than any one verb in the request
        Optional<Plan> phrased = phraseReport(ctx, tokens, chunks);
        if (phrased.isPresent()) {
            return phrased.get();
        }
        if (!readLead && lead < tokens.size()) {
            Optional<Plan> tool = tool(ctx, tokens, chunks, lead, leadChunk);
            if (tool.isPresent()) {
                return tool.get();
            }
            if (Grammar.ACTION_VERBS.contains(tokens.get(lead).key())) {
                return refusal(tokens.get(lead).key(), chunks);
            }
        }
        Optional<Plan> report = report(ctx, tokens, chunks);
        if (report.isPresent()) {
            return report.get();
        }
        return read(ctx, tokens, chunks);
    }

    /**
     * Whether the request asks what a write would do ("predict how a 20% VIP discount would perform"), so
     * that its proposal is an answer to a question, not a change asked for.
     */
    public boolean asksForPrediction(String text) {
        List<Token> tokens = Tokenizer.tokenize(text == null ? "" : text);
        int lead = lead(tokens);
        return lead < tokens.size() && tokens.get(lead).isWord() && Grammar.PREVIEW_VERBS.contains(tokens.get(lead).key());
    }

    /**
     * A follow-up that changes values of the call planned just before ("what if 15% instead"): that call
     * with the values the follow-up states put in; empty when the text is no such follow-up or the call is
     * not one of this planner's write or send tools.
     */
    public Optional<Plan> revise(io.promoagent.planner.plan.ToolPlan previous, String text) {
        if (text == null || text.isBlank() || text.length() > MAX_CHARS) {
            return Optional.empty();
        }
        List<Token> tokens = Tokenizer.tokenize(text);
        boolean[] marks = revisionWords(tokens);
        boolean revision = false;
        for (boolean m : marks) {
            revision |= m;
        }
        Optional<ToolProfile> profile = tools.stream().filter(p -> p.descriptor.name().equals(previous.tool())).findFirst();
        if (!revision || profile.isEmpty()) {
            return Optional.empty();
        }
        LocalDate today = LocalDate.now(clock);
        List<Chunk> chunks = Chunker.chunk(tokens, lexicon, today);
        // a what-if states values; it looks nothing up (look-ups run only as a known person, see plan)
        Optional<ReferenceResolver> none = Optional.empty();
        PlanContext ctx = new PlanContext(facts, today, none, new Probe(facts, none), text, policy);
        ToolArguments filler = new ToolArguments(profile.get(), ctx, tokens, chunks, -1, 0.9);
        for (int i = 0; i < marks.length; i++) {
            filler.used[i] |= marks[i];
        }
        com.fasterxml.jackson.databind.node.ObjectNode stated = filler.stated();
        String name = previous.tool().replace('_', ' ');
        if (stated.isEmpty()) {
            return Optional.of(new Clarification("What should change in the " + name + " just proposed? For example a"
                    + " different value or audience.", List.of(), 0.5, "a follow-up that states no value of " + name));
        }
        com.fasterxml.jackson.databind.node.ObjectNode merged = previous.arguments();
        Optional<Plan> unsure = filler.combinedAudience(stated, merged);
        if (unsure.isPresent()) {
            return unsure;
        }
        merged.setAll(stated);
        List<ArgumentSchema.Problem> problems = ArgumentSchema.check(profile.get().descriptor.parameters(), merged);
        if (!problems.isEmpty()) {
            ArgumentSchema.Problem p = problems.get(0);
            return Optional.of(new PlanError("invalid_argument", p.message(), p.allowed(), 0.9,
                    "revised " + previous.tool() + " with " + stated));
        }
        return Optional.of(new io.promoagent.planner.plan.ToolPlan(previous.tool(), previous.effect(), merged, 0.9,
                "revised " + previous.tool() + ": " + stated + " instead of " + previous.arguments()));
    }

    /**
     * Whether the request asks to make the write predicted just before, as it was ("create it", "yes, propose
     * it"): a verb of making and an object that points back, and nothing else but politeness.
     */
    public boolean confirms(String text) {
        if (text == null || text.length() > MAX_CHARS) {
            return false;
        }
        boolean verb = false;
        boolean object = false;
        for (Token t : Tokenizer.tokenize(text)) {
            if (t.kind() == Token.Kind.SYMBOL) {
                continue;
            }
            if (!t.isWord()) {
                return false;
            }
            if (Grammar.CONFIRM_VERBS.contains(t.key())) {
                verb = true;
            } else if (Grammar.CONFIRM_OBJECTS.contains(t.key())) {
                object = true;
            } else if (!Grammar.CONFIRM_POLITE.contains(t.key())) {
                return false;
            }
        }
        return verb && object;
    }

    /** Whether the request is a what-if: a follow-up meant to change a call planned before it. */
    public boolean isRevision(String text) {
        if (text == null || text.length() > MAX_CHARS) {
            return false;
        }
        for (boolean m : revisionWords(Tokenizer.tokenize(text))) {
            if (m) {
                return true;
            }
        }
        return false;
    }

    /** The tokens that mark a what-if: a leading "what if", "how about", or "instead" anywhere. */
    private static boolean[] revisionWords(List<Token> tokens) {
        boolean[] marks = new boolean[tokens.size()];
        for (int i = 0; i < tokens.size(); i++) {
            marks[i] = tokens.get(i).isWord() && Grammar.REVISION_WORDS.contains(tokens.get(i).key());
        }
        if (tokens.size() > 1 && tokens.get(0).isWord() && tokens.get(1).isWord()
                && Grammar.REVISION_LEADS.contains(tokens.get(0).key() + " " + tokens.get(1).key())) {
            marks[0] = true;
            marks[1] = true;
        } else if (!tokens.isEmpty() && tokens.get(0).isWord() && Grammar.REVISION_LEADS.contains(tokens.get(0).key())) {
            marks[0] = true;
        }
        return marks;
    }

    /**
     * A read tool's report the request asks for ("which promotion performed best", "how did SUMMER25
     * perform"): a word the tool declares among its keywords that the data model does not know (so no query
     * could use it), in a request about no other entity than the tool's. Empty when none is meant.
     */
    private Optional<Plan> report(PlanContext ctx, List<Token> tokens, List<Chunk> chunks) {
        for (ToolProfile p : reports) {
            Set<String> declared = new java.util.HashSet<>();
            p.descriptor.keywords().forEach(k -> declared.add(Words.key(k)));
            int at = -1;
            for (Chunk c : chunks) {
                if (c instanceof Chunk.Unknown u && declared.contains(u.token().key())) {
                    at = c.from();
                    break;
                }
            }
            if (at < 0 || !aboutOnly(p, chunks)) {
                continue;
            }
            Optional<Plan> plan = fillReport(ctx, p, tokens, chunks, at, 1);
            if (plan.isPresent()) {
                return plan;
            }
        }
        return Optional.empty();
    }

    /**
     * A read tool's report named by one of its phrases: a keyword of several words ("buy most", "best month")
     * found word for word in the request, whatever the data model makes of those words. The entities the request
     * names are then the report's arguments ("for premium customers"), not another question.
     */
    private Optional<Plan> phraseReport(PlanContext ctx, List<Token> tokens, List<Chunk> chunks) {
        for (ToolProfile p : reports) {
            for (String keyword : p.descriptor.keywords()) {
                String[] words = keyword.trim().split("\\s+");
                int at = words.length < 2 ? -1 : phraseAt(tokens, words);
                if (at < 0) {
                    continue;
                }
                Optional<Plan> plan = fillReport(ctx, p, tokens, chunks, at, words.length);
                if (plan.isPresent()) {
                    return plan;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The report's call with the arguments the request states, its keyword at {@code at} ({@code length} tokens)
     * accounted for; empty when the request does not make one. A word that neither the keyword nor an argument
     * accounts for makes the call doubtful, so that it is asked about rather than run: a report is read on a
     * single word, which is too little to be sure of in a request that says more than it understood.
     */
    private static Optional<Plan> fillReport(PlanContext ctx, ToolProfile p, List<Token> tokens, List<Chunk> chunks,
            int at, int length) {
        ToolArguments filler = reportArguments(ctx, p, tokens, chunks, at, length, 0.9);
        Plan plan = filler.fill();
        if (!(plan instanceof io.promoagent.planner.plan.ToolPlan) && !filler.decided) {
            return Optional.empty();
        }
        boolean unaccounted = chunks.stream().anyMatch(c -> c instanceof Chunk.Unknown u && !filler.used[u.from()]);
        if (unaccounted) {
            plan = reportArguments(ctx, p, tokens, chunks, at, length, ctx.policy().doubtful(0.9)).fill();
        }
        return Optional.of(plan);
    }

    private static ToolArguments reportArguments(PlanContext ctx, ToolProfile p, List<Token> tokens, List<Chunk> chunks,
            int at, int length, double confidence) {
        ToolArguments filler = new ToolArguments(p, ctx, tokens, chunks, -1, confidence);
        for (int i = at; i < at + length; i++) {
            filler.used[i] = true;
        }
        // every other word or phrase the report declares is its own too ("which months are busiest")
        for (String keyword : p.descriptor.keywords()) {
            String[] words = keyword.trim().split("\\s+");
            for (int start = phraseAt(tokens, words, 0); start >= 0; start = phraseAt(tokens, words, start + 1)) {
                for (int i = start; i < start + words.length; i++) {
                    filler.used[i] = true;
                }
            }
        }
        return filler;
    }

    /** Where the words follow one another among the tokens (compared as keys, plurals as singulars); -1 if not. */
    private static int phraseAt(List<Token> tokens, String[] words) {
        return phraseAt(tokens, words, 0);
    }

    private static int phraseAt(List<Token> tokens, String[] words, int from) {
        for (int start = from; start + words.length <= tokens.size(); start++) {
            boolean all = true;
            for (int i = 0; i < words.length && all; i++) {
                String key = tokens.get(start + i).key();
                String word = Words.key(words[i]);
                all = key.equals(word) || Words.singular(key).equals(Words.singular(word));
            }
            if (all) {
                return start;
            }
        }
        return -1;
    }

    /** Whether every entity the request names through the data model's vocabulary is the tool's own. */
    private static boolean aboutOnly(ToolProfile p, List<Chunk> chunks) {
        String own = p.entity.map(Entity::name).orElse("");
        for (Chunk c : chunks) {
            if (c instanceof Chunk.Term t && t.senses().stream().noneMatch(s -> s.entity().equals(own))) {
                return false;
            }
        }
        return true;
    }

    /** A write or send the request asks for; empty when it asks for none (the request is not a tool's). */
    private Optional<Plan> tool(PlanContext ctx, List<Token> tokens, List<Chunk> chunks, int lead, Chunk leadChunk) {
        Token verb = tokens.get(lead);
        boolean phrase = leadChunk instanceof Chunk.Term t && t.to() - t.from() > 1;
        ToolProfile best = null;
        int bestScore = 0;
        for (ToolProfile p : tools) {
            if (!verb.isWord() || phrase) {
                break;
            }
            boolean declared = p.descriptor.keywords().stream().anyMatch(k -> Words.key(k).equals(verb.key()));
            boolean named = p.keywords.contains(verb.key());
            boolean valueVerb = selectsValue(p, verb);
            boolean vocabulary = leadChunk instanceof Chunk.Term;
            if (!named && !valueVerb) {
                continue;
            }
            if (vocabulary && !declared && !valueVerb) {
                continue; // "promotion SUMMER25" reads; the noun in a tool's name is no verb
            }
            int score = vocabulary ? 1 : 2;
            if (score > bestScore) {
                best = p;
                bestScore = score;
            }
        }
        if (best != null) {
            ToolArguments filler = new ToolArguments(best, ctx, tokens, chunks, lead, bestScore == 2 ? 0.9 : 0.85);
            Plan p = filler.fill();
            return bestScore == 2 || filler.fromRequest() ? Optional.of(p) : Optional.empty();
        }
        boolean action = Grammar.ACTION_VERBS.contains(verb.key());
        boolean making = Grammar.MAKING_VERBS.contains(verb.key());
        if (action && !making) {
            return Optional.empty(); // "update the email of a customer" is refused, not read as an e-mail to send
        }
        // no tool's verb leads, yet a tool may be meant ("set up a promotion for VIPs with 10% off"): its
        // plan can only be a question, since it starts below the confidence a proposal needs
        for (ToolProfile p : tools) {
            if (making && !p.creates) {
                continue;
            }
            boolean mentioned = false;
            for (String k : p.descriptor.keywords()) {
                String key = Words.key(k);
                for (Token t : tokens) {
                    // after a verb no tool declares, its nouns count; otherwise only its own verbs
                    mentioned |= t.isWord() && t.key().equals(key) && (action || making
                            || !(chunkAt(chunks, tokens.indexOf(t)) instanceof Chunk.Term));
                }
            }
            if (mentioned) {
                // the leading verb is the request's, not a value ("give VIPs ..."); a leading "20%" is a value
                int consumed = verb.isWord() && !(leadChunk instanceof Chunk.Term) ? lead : lead - 1;
                ToolArguments filler = new ToolArguments(p, ctx, tokens, chunks, consumed, 0.5);
                Plan plan = filler.fill();
                if (filler.fromRequest()) {
                    return Optional.of(plan);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a verb names a value of one of the tool's enum parameters ("pause" for status paused) by another
     * form of the value or by its {@code x-synonyms}; the value itself and the data model's synonyms describe
     * records, not actions.
     */
    private static boolean selectsValue(ToolProfile p, Token verb) {
        if (p.enumValues.contains(verb.stem())) {
            return false; // "paused promotions" describes; "pause" acts
        }
        return p.valueVerbs.contains(verb.stem()) || p.valueVerbs.contains("root:" + Words.root(verb.stem()));
    }

    private Plan read(PlanContext ctx, List<Token> tokens, List<Chunk> given) {
        List<Chunk> chunks = Chunker.splitStrayMeasures(given, tokens, lexicon, ctx.today());
        Reading r = new QueryInterpreter(facts, tokens, chunks, ctx.today(), ctx.probe(), false).read(Optional.empty());
        boolean readVerb = chunks.stream().anyMatch(c -> c instanceof Chunk.Word w && w.role() == Grammar.Role.READ);
        if (r.error() != null) {
            PlanError e = r.error();
            return new PlanError(e.code(), e.message(), e.suggestions(), r.recognised() > 0 ? 0.8 : 0.3, e.reason());
        }
        if (r.recognised() == 0) {
            if (readVerb && !r.unknown().isEmpty()) {
                String wrong = String.join(" ", r.unknown());
                return new PlanError("unknown_entity", "there is nothing called '" + wrong + "' in the data",
                        Clauses.ranked(wrong, model.entities().stream().map(Entity::name).toList()), 0.3,
                        "no entity, field, rule or measure is called '" + wrong + "'");
            }
            return new Clarification("I did not understand that. You can ask, for example: "
                    + String.join("; ", examples()), examples(), 0.1, "nothing in the request is in the data model");
        }
        Query q = r.query();
        // accepted here once; the query tool and the engine take it from the model's shared validator
        List<QueryError> errors;
        try {
            validator.accept(q);
            errors = List.of();
        } catch (InvalidQueryException invalid) {
            errors = invalid.errors();
        }
        if (!errors.isEmpty()) {
            QueryError e = errors.get(0);
            return new PlanError(e.code().code(), e.message(), e.suggestions(), 0.3,
                    "planned " + QueryJson.write(q) + " but it is not valid");
        }
        double confidence = r.confidence().value();
        Footprint footprint = new Footprint(model, q);
        List<Accountant.Use> uses = Accountant.account(tokens, chunks, footprint);
        List<String> missed = new ArrayList<>(Accountant.unaccounted(uses));
        missed.addAll(footprint.doubts);
        countsEachOnce(q).ifPresent(missed::add);
        String reason = r.confidence().reason("query " + QueryJson.write(q)) + "; words: " + describe(uses);
        if (!missed.isEmpty()) {
            confidence = policy.doubtful(confidence);
        }
        if (!policy.isSure(confidence)) {
            List<String> doubts = new ArrayList<>(r.unknown());
            missed.stream().filter(m -> !doubts.contains(m)).forEach(doubts::add);
            String unknown = doubts.isEmpty() ? "" : " what you mean by '" + String.join("', '", doubts) + "'";
            List<String> options = withoutWords(ctx.text(), tokens, chunks, uses, q);
            return new Clarification("I am not sure" + (unknown.isEmpty() ? " I understood" : unknown)
                    + ". I read this as: " + PlainWords.of(q) + "."
                    + (options.isEmpty() ? " Could you say it in other words?" : " Run it?"), options,
                    confidence, reason);
        }
        Optional<Clarification> which = new NamedRecords(facts, ctx.resolver()).ask(ctx.text(), q);
        if (which.isPresent()) {
            return which.get();
        }
        return new ReadPlan(q, confidence, reason,
                uses.stream().map(u -> new io.promoagent.planner.plan.WordUse(u.text(), u.use())).toList());
    }

    /**
     * A count of records grouped by their own key or name counts each record once: a reading that lost
     * what was to be counted ("the customer with the most transactions" counted customers per name).
     */
    private Optional<String> countsEachOnce(Query q) {
        if (q.groupBy().isEmpty() || !q.aggregates().stream().allMatch(a -> a.equals(Aggregate.count()))) {
            return Optional.empty();
        }
        Entity e = facts.entity(q.entity());
        for (GroupBy g : q.groupBy()) {
            boolean identifying = g.field().equals(e.keyField().name()) && e.key().sort().isEmpty()
                    || facts.nameField(e).map(f -> f.name().equals(g.field())).orElse(false);
            if (identifying && g.truncate().isEmpty()) {
                return Optional.of("counting each of the " + e.name() + " per " + PlainWords.name(g.field()));
            }
        }
        return Optional.empty();
    }

    /** What each part of the request was used for, for the plan's reason. */
    private static String describe(List<Accountant.Use> uses) {
        StringBuilder b = new StringBuilder();
        for (Accountant.Use u : uses) {
            b.append(b.length() > 0 ? ", " : "").append('\'').append(u.text()).append("' ")
                    .append(u.accounted() ? u.use() : "not understood");
        }
        return b.toString();
    }

    /**
     * The request without the words nothing used, as an answer the person can send back, when it plans
     * surely to the same query: the reading offered, in the person's own words.
     */
    private List<String> withoutWords(String request, List<Token> tokens, List<Chunk> chunks,
                                      List<Accountant.Use> uses, Query q) {
        if (uses.stream().allMatch(Accountant.Use::accounted)) {
            return List.of();
        }
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < chunks.size(); k++) {
            if (uses.get(k).accounted()) {
                Chunk c = chunks.get(k);
                b.append(b.length() > 0 ? " " : "")
                        .append(request, tokens.get(c.from()).start(), tokens.get(c.to() - 1).end());
            }
        }
        String shorter = b.toString();
        if (shorter.isBlank() || shorter.equals(request)) {
            return List.of();
        }
        Plan again = plan(shorter);
        return again instanceof ReadPlan rp && policy.isSure(rp) && rp.query().equals(q) ? List.of(shorter) : List.of();
    }

    private Plan refusal(String verb, List<Chunk> chunks) {
        String object = "that";
        for (Chunk c : chunks) {
            if (c instanceof Chunk.Term t) {
                Optional<Sense> e = t.senses().stream().filter(s -> s instanceof Sense.EntitySense).findFirst();
                if (e.isPresent()) {
                    object = e.get().entity();
                    break;
                }
            }
        }
        List<String> can = tools.stream().map(p -> p.descriptor.name()).toList();
        String message = "I cannot " + verb + " " + object + ": no tool does that, so nothing was changed."
                + (can.isEmpty() ? " I can only read the data." : " The tools that change things are: "
                + String.join(", ", can) + ".");
        double confidence = Grammar.DESTRUCTIVE_VERBS.contains(verb) ? 0.9 : 0.5;
        return new Refusal(message, confidence, "'" + verb + "' is not a verb of any tool");
    }

    /** The first token after "please", "can you", "I want to" and the like. */
    private static int lead(List<Token> tokens) {
        int i = 0;
        while (i < tokens.size() - 1 && tokens.get(i).isWord() && POLITE.contains(tokens.get(i).key())) {
            i++;
        }
        return i;
    }

    private static Chunk chunkAt(List<Chunk> chunks, int token) {
        for (Chunk c : chunks) {
            if (c.from() <= token && token < c.to()) {
                return c;
            }
        }
        return null;
    }

    private List<String> examples() {
        List<String> out = new ArrayList<>();
        List<Entity> entities = model.entities();
        if (!entities.isEmpty()) {
            out.add("show " + entities.get(0).name());
        }
        if (entities.size() > 1) {
            out.add("how many " + entities.get(1).name());
        }
        if (!model.measures().isEmpty()) {
            out.add(model.measures().get(0).name().replace('_', ' ') + " by month");
        }
        return out;
    }
}
