package io.promoagent.planner.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.planner.plan.Clarification;
import io.promoagent.planner.plan.Plan;
import io.promoagent.planner.plan.PlanError;
import io.promoagent.planner.plan.ToolPlan;
import io.promoagent.schema.ir.Filter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Fills a write or send tool's arguments from a request, parameter by parameter as its schema describes
 * them: identifiers by pattern and the word before them, enum values by their words and synonyms (and a
 * percentage for "percent", an amount for "fixed"), rules by name, numbers by the words around them, dates
 * by "until" and "from", the audience as a condition read like a query, records named by value resolved to
 * their keys. Then the schema's defaults, and the schema's own check.
 */
final class ToolArguments {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    final ToolProfile profile;
    final PlanContext ctx;
    final List<Token> tokens;
    final List<Chunk> chunks;
    final boolean[] used;
    final ObjectNode args = JSON.objectNode();
    final Confidence conf;
    final int lead;
    final List<String> filled = new ArrayList<>();
    private final References references;
    private final Scalars scalars;
    /** Set when the request named its audience or a record, even one it could not settle. */
    boolean decided;
    /** The numbers another parameter than the main one took by its words ("a budget of $5,000"). */
    final Set<Integer> byWord = new HashSet<>();

    ToolArguments(ToolProfile profile, PlanContext ctx, List<Token> tokens, List<Chunk> chunks, int lead, double base) {
        this.profile = profile;
        this.ctx = ctx;
        this.tokens = tokens;
        this.chunks = chunks;
        this.used = new boolean[tokens.size()];
        this.lead = lead;
        this.conf = new Confidence(base);
        for (int i = 0; i <= lead && i < used.length; i++) {
            used[i] = true;
        }
        this.references = new References(this);
        this.scalars = new Scalars(this);
    }

    /** The plan: a proposal, or a question or error when the request does not make a valid call. */
    Plan fill() {
        int topicAt = topic();
        List<Chunk> recipients = chunks;
        List<Chunk> topic = chunks;
        boolean audience = hasSlot(ToolProfile.Kind.FILTER) || hasSlot(ToolProfile.Kind.RECIPIENTS);
        boolean split = audience && topicAt >= 0;
        if (split) {
            Chunk marker = chunks.get(topicAt);
            recipients = chunks.subList(0, topicAt);
            topic = chunks.subList(topicAt + 1, chunks.size());
            int to = to(topicAt + 1);
            if (marker instanceof Chunk.Word w && w.role() == Grammar.Role.STOP) {
                // "send the VIP25 offer to all VIPs": what comes first, then to whom
                recipients = chunks.subList(topicAt + 1, chunks.size());
                topic = chunks.subList(0, topicAt);
            } else if (to > 0) {
                // "send a reminder about SUMMER25 to lapsed customers": to whom comes after "to"
                recipients = new ArrayList<>(chunks.subList(0, topicAt));
                recipients.addAll(chunks.subList(to + 1, chunks.size()));
                topic = chunks.subList(topicAt + 1, to);
                markTokens(chunks.get(to));
            }
            markTokens(marker);
        }
        scalars.numbers();
        identifiers(split ? topic : chunks);
        if (references.failure != null) {
            decided = true;
            return references.failure;
        }
        scalars.enums();
        if (!audience) {
            scalars.rules(chunks); // a tool that addresses people takes its rule from the audience, below
        }
        scalars.dates();
        scalars.booleans();
        scalars.texts();
        for (ToolProfile.Slot s : profile.slots) {
            if (args.has(s.name())) {
                continue;
            }
            Plan early = null;
            if (s.kind() == ToolProfile.Kind.FILTER) {
                early = references.audience(s, recipients);
            } else if (s.kind() == ToolProfile.Kind.RECIPIENTS || (audience && s.kind() == ToolProfile.Kind.RULE)) {
                early = references.recipients(recipients);
            } else if (s.kind() == ToolProfile.Kind.REFERENCE && !filledFor(s)) {
                early = references.record(s, topic);
                if (early instanceof Clarification && !s.required() && !profile.descriptor.effect().needsApproval()) {
                    // a report over every record when none is named: "which promotion performed best" compares them
                    early = null;
                }
            }
            if (early != null) {
                decided = s.required() || s.kind() != ToolProfile.Kind.FILTER;
                return early;
            }
        }
        for (ToolProfile.Slot s : profile.slots) {
            if (!args.has(s.name()) && !s.required() && s.schema().has("default")) {
                args.set(s.name(), s.schema().get("default").deepCopy());
            }
        }
        boolean preview = lead >= 0 && lead < tokens.size() && Grammar.PREVIEW_VERBS.contains(tokens.get(lead).key());
        for (Chunk c : chunks) {
            if (c instanceof Chunk.Unknown u && !used[u.from()]
                    && !(preview && Grammar.PREVIEW_FRAMING.contains(u.token().key()))) {
                conf.penalize(0.75, "did not understand '" + u.token().text() + "'");
            }
        }
        return verdict();
    }

    /**
     * Only the values the request states, with no defaults and no verdict: what a follow-up ("what if 15%
     * instead") changes in a call already planned.
     */
    ObjectNode stated() {
        scalars.numbers();
        identifiers(chunks);
        scalars.enums();
        scalars.rules(chunks);
        scalars.dates();
        scalars.booleans();
        return args.deepCopy();
    }

    /**
     * The audience a follow-up names, fitted into the call it changes ({@code merged}, before {@code stated} is put
     * in): a rule or a customer filter ({@code audience_filter}) replaces the other. When it names more than one
     * rule ("only reachable VIPs"), all of them become one condition in the filter parameter. A Clarification when
     * the tool takes no filter then, rather than one of the rules dropped; empty otherwise.
     */
    java.util.Optional<Plan> combinedAudience(ObjectNode stated, ObjectNode merged) {
        java.util.Optional<ToolProfile.Slot> ruleSlot = profile.slots.stream()
                .filter(x -> x.kind() == ToolProfile.Kind.RULE).findFirst();
        java.util.Optional<ToolProfile.Slot> filterSlot = profile.slots.stream()
                .filter(x -> x.name().endsWith("_filter") && x.schema().path("type").asText().equals("object")).findFirst();
        List<String> rules = scalars.namedRules();
        if (rules.size() < 2) {
            if (ruleSlot.isPresent() && filterSlot.isPresent() && stated.has(ruleSlot.get().name())) {
                merged.remove(filterSlot.get().name());
            }
            return java.util.Optional.empty();
        }
        if (filterSlot.isEmpty() || ruleSlot.isEmpty()) {
            return java.util.Optional.of(new Clarification("That names " + rules.size() + " groups at once ("
                    + String.join(", ", rules) + "), and " + profile.descriptor.name().replace('_', ' ')
                    + " takes one. Which one should it be?", rules, 0.5, "a follow-up naming the rules " + rules));
        }
        Filter[] each = rules.stream().map(io.promoagent.schema.ir.RuleRef::of).toArray(Filter[]::new);
        stated.remove(ruleSlot.get().name());
        merged.remove(ruleSlot.get().name());
        stated.set(filterSlot.get().name(), io.promoagent.schema.json.QueryJson.toTree(Filter.and(each)));
        return java.util.Optional.empty();
    }

    /**
     * Whether the request itself gave a value the tool needs: a required parameter, or, for a tool whose
     * schema requires nothing, whom it addresses or an identifier of the record it acts on; or it named a
     * record that could not be settled.
     */
    boolean fromRequest() {
        if (decided) {
            return true;
        }
        boolean anyRequired = false;
        for (ToolProfile.Slot s : profile.slots) {
            anyRequired |= s.required();
            if (s.required() && args.has(s.name())) {
                return true;
            }
        }
        if (anyRequired) {
            return false;
        }
        for (ToolProfile.Slot s : profile.slots) {
            boolean audience = s.kind() == ToolProfile.Kind.FILTER || s.kind() == ToolProfile.Kind.RECIPIENTS;
            if (args.has(s.name()) && (audience || s.kind() == ToolProfile.Kind.REFERENCE)) {
                return true;
            }
        }
        return false;
    }

    private Plan verdict() {
        String name = profile.descriptor.name();
        List<ArgumentSchema.Problem> problems = ArgumentSchema.check(profile.descriptor.parameters(), args);
        List<ArgumentSchema.Problem> invalid = problems.stream().filter(p -> !p.missing()).toList();
        if (!invalid.isEmpty()) {
            ArgumentSchema.Problem p = invalid.get(0);
            return new PlanError("invalid_argument", p.message(), p.allowed(), Math.min(0.9, conf.value()),
                    conf.reason(name + " " + args));
        }
        List<ArgumentSchema.Problem> missing = new ArrayList<>(problems.stream().filter(ArgumentSchema.Problem::missing)
                .toList());
        missing.addAll(unsaid());
        if (!missing.isEmpty()) {
            return references.askFor(missing);
        }
        if (!ctx.policy().isSure(conf.value())) {
            return new Clarification("I am not sure I understood. Did you mean " + name.replace('_', ' ') + " with "
                    + plainArguments() + "? Please say it again in other words.", List.of(), conf.value(),
                    conf.reason("never guesses a write"));
        }
        return new ToolPlan(name, profile.descriptor.effect(), args, conf.value(),
                conf.reason(name + " from " + String.join(", ", filled)));
    }

    /** The arguments in words ("discount type percent, discount value 25"), not as JSON. */
    private String plainArguments() {
        List<String> parts = new ArrayList<>();
        args.fields().forEachRemaining(e -> parts.add(e.getKey().replace('_', ' ') + " "
                + (e.getValue().isValueNode() ? e.getValue().asText()
                : e.getValue().isArray() ? e.getValue().size() + " records" : "a condition on who")));
        return parts.isEmpty() ? "nothing given" : String.join(", ", parts);
    }

    /**
     * What a call needs though its schema cannot say so (its parameters are alternatives): someone to
     * address when the tool addresses people ("to" or "audience_rule"), and the record it acts on when it
     * names one ("code" or "id") unless a text stands in for it.
     */
    private List<ArgumentSchema.Problem> unsaid() {
        List<ArgumentSchema.Problem> out = new ArrayList<>();
        if (!profile.descriptor.effect().needsApproval()) {
            return out; // a read tool's schema says all it needs: "every promotion" when no code is given
        }
        List<ToolProfile.Slot> audience = profile.slots.stream().filter(s -> s.kind() == ToolProfile.Kind.FILTER
                || s.kind() == ToolProfile.Kind.RECIPIENTS || (hasSlot(ToolProfile.Kind.RECIPIENTS)
                && s.kind() == ToolProfile.Kind.RULE)).toList();
        if (!audience.isEmpty() && audience.stream().noneMatch(s -> args.has(s.name()))) {
            out.add(new ArgumentSchema.Problem(true, audience.get(0).name(), "who receives it", List.of()));
        }
        List<ToolProfile.Slot> records = profile.slots.stream().filter(s -> s.kind() == ToolProfile.Kind.REFERENCE).toList();
        boolean text = profile.slots.stream().anyMatch(s -> s.kind() == ToolProfile.Kind.TEXT && args.has(s.name()));
        if (!records.isEmpty() && !text && records.stream().noneMatch(s -> args.has(s.name()))
                && records.stream().noneMatch(ToolProfile.Slot::required)) {
            out.add(new ArgumentSchema.Problem(true, records.get(0).name(), "which " + records.get(0).entity()
                    .map(References::singular).orElse("record"), List.of()));
        }
        return out;
    }

    /** Whether another parameter naming the same entity's record is filled ("code" given, so no "id"). */
    private boolean filledFor(ToolProfile.Slot slot) {
        return profile.slots.stream().anyMatch(s -> s != slot && s.kind() == ToolProfile.Kind.REFERENCE
                && s.entity().equals(slot.entity()) && args.has(s.name()));
    }

    /** The chunk that separates whom from what: "about", or "to" after the verb ("send X to Y"). */
    private int topic() {
        for (int k = 0; k < chunks.size(); k++) {
            if (chunks.get(k) instanceof Chunk.Word w && w.role() == Grammar.Role.TOPIC) {
                return k;
            }
        }
        for (int k = 1; k < chunks.size(); k++) {
            if (chunks.get(k) instanceof Chunk.Word w && w.from() > lead && tokens.get(w.from()).is("to")
                    && w.to() - w.from() == 1) {
                return k;
            }
        }
        return -1;
    }

    /** The first single-word "to" from chunk {@code from} on, or -1. */
    private int to(int from) {
        for (int k = from; k < chunks.size(); k++) {
            if (chunks.get(k) instanceof Chunk.Word w && w.to() - w.from() == 1 && tokens.get(w.from()).is("to")) {
                return k;
            }
        }
        return -1;
    }

    /** Identifiers: the value after the word for its parameter ("code SAVE10"), or one of the right form. */
    private void identifiers(List<Chunk> topic) {
        for (Chunk c : chunks) {
            if (!(c instanceof Chunk.Literal l) || used[l.from()] || l.token().kind() != Token.Kind.IDENT) {
                continue;
            }
            String value = l.token().text();
            ToolProfile.Slot best = null;
            int bestScore = 0;
            for (ToolProfile.Slot s : profile.slots) {
                if (s.kind() != ToolProfile.Kind.IDENT && s.kind() != ToolProfile.Kind.REFERENCE) {
                    continue;
                }
                String v = fitting(s, value);
                // a record this tool acts on is named where the request says what; "C00040" there is whom
                if (v == null || (s.kind() == ToolProfile.Kind.REFERENCE && (namesOther(l, s) || !topic.contains(c)))) {
                    continue;
                }
                if (args.has(s.name())) {
                    // "pause SUMMER25 and VIP25": one call changes one record
                    conf.penalize(0.5, s.name() + " is given twice (" + args.get(s.name()).asText() + ", " + value
                            + "); one at a time");
                    used[l.from()] = true;
                    continue;
                }
                int score = 1 + (wordBefore(l.from(), s.vocabulary()) ? 2 : 0)
                        + (s.kind() == ToolProfile.Kind.REFERENCE && topic.contains(c) ? 1 : 0)
                        + (s.kind() == ToolProfile.Kind.REFERENCE && holds(s, value) ? 2 : 0);
                if (score > bestScore) {
                    best = s;
                    bestScore = score;
                }
            }
            if (best != null) {
                String v = fitting(best, value);
                references.check(best, v);
                args.put(best.name(), v);
                filled.add(best.name() + " '" + value + "'");
                used[l.from()] = true;
            }
        }
    }

    /** Whether the value is of the form, or in the data, of this parameter's field ("P0009" is an id, not a code). */
    private boolean holds(ToolProfile.Slot s, String value) {
        return s.entity().isPresent() && s.field().isPresent()
                && ctx.probe().identifier(s.entity().get(), value).equals(s.field().get());
    }

    /** Whether the identifier stands next to a word for another entity than the parameter's ("customer C00042"). */
    private boolean namesOther(Chunk.Literal l, ToolProfile.Slot s) {
        int at = chunks.indexOf(l);
        for (int j : new int[] {at - 1, at + 1}) {
            if (j >= 0 && j < chunks.size() && chunks.get(j) instanceof Chunk.Term t) {
                for (Sense x : t.senses()) {
                    if (x instanceof Sense.EntitySense e && s.entity().isPresent() && !e.value().equals(s.entity().get())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The value as the parameter's pattern wants it (as written, else upper case), or null. */
    private static String fitting(ToolProfile.Slot s, String value) {
        String pattern = s.schema().path("pattern").asText(null);
        if (pattern == null) {
            return value;
        }
        if (java.util.regex.Pattern.compile(pattern).matcher(value).find()) {
            return value;
        }
        String upper = value.toUpperCase(Locale.ROOT);
        return java.util.regex.Pattern.compile(pattern).matcher(upper).find() ? upper : null;
    }

    boolean wordBefore(int token, Set<String> vocabulary) {
        for (int i = token - 1; i >= Math.max(0, token - 3); i--) {
            if (vocabulary.contains(tokens.get(i).stem())) {
                return true;
            }
        }
        return false;
    }

    boolean hasSlot(ToolProfile.Kind kind) {
        return profile.slots.stream().anyMatch(s -> s.kind() == kind);
    }

    void markTokens(Chunk c) {
        for (int i = c.from(); i < c.to(); i++) {
            used[i] = true;
        }
    }

    /** The chunks of {@code part} no parameter has taken. */
    List<Chunk> unused(List<Chunk> part) {
        List<Chunk> out = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (Chunk c : part) {
            if (!used[c.from()] && seen.add(c.from())) {
                out.add(c);
            }
        }
        return out;
    }

    /** The request's text with tokens {@code from..to} replaced. */
    String replace(int from, int to, String with) {
        return ctx.text().substring(0, tokens.get(from).start()) + with + ctx.text().substring(tokens.get(to - 1).end());
    }

    void put(String name, Filter filter) {
        args.set(name, io.promoagent.schema.json.QueryJson.toTree(filter));
    }
}
