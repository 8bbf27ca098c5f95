package io.promoagent.planner.internal;

import io.promoagent.planner.plan.Clarification;
import io.promoagent.planner.plan.Plan;
import io.promoagent.planner.plan.PlanError;
import io.promoagent.schema.ir.And;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.OrderBy;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.RuleRef;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.validate.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The records a write or send names: the audience read as a condition ("all reachable VIP customers"),
 * people named by name or e-mail resolved to their keys ("John" when there are several Johns is a question,
 * never a guess), and the record a request refers to without its code ("the new promotion").
 */
final class References {

    /** The most records listed in a question. */
    static final int MAX_OPTIONS = 10;
    /** The most records put in a list parameter that does not say its own maximum. */
    static final int MAX_LISTED = 100;
    private static final Set<String> RECENCY = Set.of("new", "newest", "latest", "recent", "brand", "last");
    private static final Set<String> RECENCY_SPECIALS = Set.of("newest", "latest", "last", "current", "recent");

    private final ToolArguments a;
    Plan failure;
    private boolean addressed;

    References(ToolArguments arguments) {
        this.a = arguments;
    }

    /** An identifier of an existing record must name one; otherwise the closest ones are suggested. */
    void check(ToolProfile.Slot s, String value) {
        if (s.kind() != ToolProfile.Kind.REFERENCE || s.entity().isEmpty() || s.field().isEmpty()) {
            return;
        }
        Entity e = s.entity().get();
        Field f = s.field().get();
        List<Row> rows = find(Query.builder(e.name()).where(Compare.eq(f.name(), value)).fields(f.name()).limit(1).build());
        if (rows == null || !rows.isEmpty()) {
            return;
        }
        List<Row> all = find(Query.builder(e.name()).fields(f.name()).limit(500).build());
        List<String> values = new ArrayList<>();
        if (all != null) {
            all.forEach(r -> {
                Object v = r.values().get(f.name());
                if (v != null) {
                    values.add(v.toString());
                }
            });
        }
        failure = new PlanError("not_found", "there is no " + singular(e) + " with " + f.name() + " '" + value + "'",
                Suggestions.rank(value, values), 0.85, "looked up " + e.name() + "." + f.name());
    }

    /** Fills the audience; a question or an error when a person named is ambiguous or unknown. */
    Plan audience(ToolProfile.Slot s, List<Chunk> recipients) {
        if (s.entity().isEmpty()) {
            return null;
        }
        Entity e = s.entity().get();
        List<Chunk> part = a.unused(recipients);
        boolean everyone = part.stream().anyMatch(c -> c instanceof Chunk.Word w && w.role() == Grammar.Role.EVERYONE);
        Reading r = new QueryInterpreter(a.ctx.facts(), a.tokens, part, a.ctx.today(), a.ctx.probe(), true)
                .read(Optional.of(e.name()));
        if (r.error() != null) {
            return r.error();
        }
        if (r.recognised() == 0 && !everyone) {
            return null;
        }
        if (r.confidence().value() < 0.95) {
            a.conf.penalize(r.confidence().value() / 0.95, String.join("; ", r.confidence().notes()));
        }
        List<Filter> parts = new ArrayList<>();
        r.where().ifPresent(parts::add);
        for (Reference ref : r.references()) {
            Object resolved = resolve(ref);
            if (resolved instanceof Plan p) {
                return p;
            }
            parts.add((Filter) resolved);
        }
        Filter f = parts.size() == 1 ? parts.get(0) : new And(parts);
        a.put(s.name(), f);
        a.filled.add(s.name() + " " + (parts.isEmpty() ? "everyone" : io.promoagent.schema.json.QueryJson.write(f)));
        part.forEach(a::markTokens);
        return null;
    }

    /**
     * Whom a tool addresses through a list of records ({@code to}) and an audience rule, rather than a
     * condition: the people named, resolved to their keys; the rule named, or the most selective of several
     * ("reachable VIP customers": the VIPs, since reaching them is the tool's own check); other conditions
     * resolved to the keys of the records they select, when few enough to list.
     */
    Plan recipients(List<Chunk> recipients) {
        if (addressed) {
            return null;
        }
        addressed = true;
        Optional<ToolProfile.Slot> list = slot(ToolProfile.Kind.RECIPIENTS);
        Optional<ToolProfile.Slot> rule = slot(ToolProfile.Kind.RULE);
        Optional<Entity> entity = list.flatMap(ToolProfile.Slot::entity).or(() -> rule.flatMap(this::ruleEntity));
        if (entity.isEmpty()) {
            return null;
        }
        Entity e = entity.get();
        List<Chunk> part = a.unused(recipients);
        a.decided |= part.stream().anyMatch(c -> c instanceof Chunk.Word w && w.role() == Grammar.Role.EVERYONE);
        Reading r = new QueryInterpreter(a.ctx.facts(), a.tokens, part, a.ctx.today(), a.ctx.probe(), true)
                .read(Optional.of(e.name()));
        if (r.error() != null) {
            return r.error();
        }
        if (r.recognised() == 0) {
            return null;
        }
        if (r.confidence().value() < 0.95) {
            a.conf.penalize(r.confidence().value() / 0.95, String.join("; ", r.confidence().notes()));
        }
        List<String> keys = new ArrayList<>();
        for (Reference ref : r.references()) {
            Object resolved = resolve(ref);
            if (resolved instanceof Plan p) {
                return p;
            }
            keys.add(String.valueOf(((Compare) resolved).value()));
        }
        if (r.where().isPresent()) {
            Filter where = r.where().get();
            List<Filter> terms = where instanceof And and ? and.operands() : List.of(where);
            boolean rules = rule.isPresent() && terms.stream().allMatch(f -> f instanceof RuleRef rr && rr.args().isEmpty()
                    && a.ctx.facts().model.rule(rr.rule()).map(x -> a.profile.accepts(rule.get(), x)).orElse(false));
            if (rules) {
                String chosen = mostSelective(e, terms);
                a.args.put(rule.get().name(), chosen);
                a.filled.add(rule.get().name() + " " + chosen + (terms.size() > 1 ? " (the most selective of "
                        + terms.size() + " rules)" : ""));
            } else if (list.isPresent() && a.ctx.resolver().isPresent()) {
                int max = list.get().schema().path("maxItems").asInt(MAX_LISTED);
                List<Row> rows = find(Query.builder(e.name()).where(where).fields(e.keyField().name()).limit(max + 1).build());
                if (rows == null) {
                    return null;
                }
                if (rows.size() > max) {
                    return new Clarification("More than " + max + " " + e.name() + " match, more than can be listed; "
                            + "please name them with a rule instead.", List.of(), 0.8, "the audience is too large to list");
                }
                if (rows.isEmpty()) {
                    return new PlanError("not_found", "no " + singular(e) + " matches", List.of(), 0.8, "looked up " + e.name());
                }
                rows.forEach(row -> keys.add(String.valueOf(row.values().get(e.keyField().name()))));
            } else {
                return new Clarification("I cannot address those " + e.name() + " with "
                        + a.profile.descriptor.name() + "; please name them by a rule or one by one.", List.of(), 0.6,
                        "the audience is neither a rule nor a list");
            }
        }
        if (!keys.isEmpty()) {
            if (list.isEmpty()) {
                return new Clarification(a.profile.descriptor.name() + " addresses " + e.name() + " by rule only; "
                        + "please name a rule.", List.of(), 0.6, "records were named one by one");
            }
            com.fasterxml.jackson.databind.node.ArrayNode to = a.args.putArray(list.get().name());
            keys.forEach(to::add);
            a.filled.add(list.get().name() + " " + keys);
        }
        part.forEach(a::markTokens);
        return null;
    }

    /** The rule that selects the fewest records; the first one without a look-up. */
    private String mostSelective(Entity e, List<Filter> rules) {
        String best = ((RuleRef) rules.get(0)).rule();
        long fewest = Long.MAX_VALUE;
        for (Filter f : rules) {
            List<Row> rows = rules.size() < 2 ? null : find(Query.builder(e.name()).where(f)
                    .aggregate(io.promoagent.schema.ir.Aggregate.count()).build());
            if (rows == null || rows.isEmpty()) {
                continue;
            }
            Object count = rows.get(0).values().get("count");
            long n = count instanceof java.math.BigDecimal d ? d.longValue() : Long.MAX_VALUE;
            if (n < fewest) {
                fewest = n;
                best = ((RuleRef) f).rule();
            }
        }
        return best;
    }

    private Optional<ToolProfile.Slot> slot(ToolProfile.Kind kind) {
        return a.profile.slots.stream().filter(s -> s.kind() == kind).findFirst();
    }

    /** The entity of the rules a rule parameter takes. */
    private Optional<Entity> ruleEntity(ToolProfile.Slot s) {
        for (com.fasterxml.jackson.databind.JsonNode v : s.schema().path("enum")) {
            Optional<io.promoagent.schema.model.Rule> r = a.ctx.facts().model.rule(v.asText());
            if (r.isPresent()) {
                return a.ctx.facts().model.entity(r.get().entity());
            }
        }
        return Optional.empty();
    }

    /** A record named by value: its key when one matches, a question when several do. */
    private Object resolve(Reference ref) {
        Entity e = a.ctx.facts().entity(ref.entity());
        Field key = e.keyField();
        if (ref.kind() == Reference.Kind.IDENTIFIER && ref.field().equals(key)) {
            return ref.compare();
        }
        Optional<Field> name = a.ctx.facts().nameField(e);
        List<String> fields = new ArrayList<>(List.of(key.name()));
        name.filter(n -> !n.equals(key)).ifPresent(n -> fields.add(n.name()));
        // a first name also matches longer names ("Johnson"): read more, keep whole words
        int limit = ref.kind() == Reference.Kind.NAME ? 500 : MAX_OPTIONS + 1;
        List<Row> rows = find(Query.builder(e.name()).where(ref.compare()).fields(fields).limit(limit).build());
        if (rows == null) {
            if (ref.kind() == Reference.Kind.NAME) {
                return new Clarification("Which of the " + e.name() + " named '" + ref.value()
                        + "' do you mean? Please give the " + key.name() + ".", List.of(), 0.8, "no look-up available");
            }
            return ref.compare();
        }
        if (ref.kind() == Reference.Kind.NAME && name.isPresent()) {
            rows = wholeWord(rows, name.get().name(), ref.value());
        }
        if (rows.isEmpty()) {
            return new PlanError("not_found", "no " + singular(e) + " matches '" + ref.value() + "'", List.of(), 0.8,
                    "looked up " + e.name() + " by " + ref.field().name());
        }
        if (rows.size() == 1) {
            return Compare.eq(key.name(), rows.get(0).values().get(key.name()));
        }
        List<String> options = new ArrayList<>();
        for (Row row : rows.subList(0, Math.min(MAX_OPTIONS, rows.size()))) {
            Object k = row.values().get(key.name());
            String label = name.map(n -> row.values().get(n.name())).map(v -> v + " (" + k + ")").orElse(String.valueOf(k));
            options.add(a.replace(ref.from(), ref.to(), label));
        }
        return new Clarification((rows.size() > MAX_OPTIONS ? "More than " + MAX_OPTIONS : "" + rows.size()) + " "
                + e.name() + " match '" + ref.value() + "'. Which one do you mean?", options, 0.9,
                "'" + ref.value() + "' names several " + e.name());
    }

    /** The rows whose name has the words as whole words: "John" is not "Johnson". */
    private static List<Row> wholeWord(List<Row> rows, String field, String words) {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile("(?iu)(^|\\W)" + java.util.regex.Pattern.quote(words)
                + "($|\\W)");
        List<Row> out = new ArrayList<>();
        for (Row r : rows) {
            Object v = r.values().get(field);
            if (v != null && p.matcher(v.toString()).find()) {
                out.add(r);
            }
        }
        return out;
    }

    /** The record a request refers to without its identifier: "the new promotion", "the Summer Sale". */
    Plan record(ToolProfile.Slot s, List<Chunk> topic) {
        if (s.entity().isEmpty() || s.field().isEmpty() || a.ctx.resolver().isEmpty()) {
            return null;
        }
        Entity e = s.entity().get();
        Field f = s.field().get();
        List<Chunk> part = a.unused(topic);
        boolean recency = false;
        boolean mentioned = false;
        List<Chunk> rest = new ArrayList<>();
        int anchor = -1;
        for (Chunk c : part) {
            boolean recent = (c instanceof Chunk.Word w && w.role() == Grammar.Role.RECENCY)
                    || (c.to() - c.from() == 1 && RECENCY.contains(a.tokens.get(c.from()).key()));
            recency |= recent;
            boolean names = c instanceof Chunk.Term t && t.senses().stream()
                    .anyMatch(x -> x instanceof Sense.EntitySense es && es.value().equals(e));
            if (names && anchor < 0) {
                anchor = c.from();
            }
            mentioned |= names || (c instanceof Chunk.Unknown u && u.token().capitalized());
            if (!recent) {
                rest.add(c);
            }
        }
        if (!mentioned && !recency) {
            return null;
        }
        if (recency && rest.stream().noneMatch(c -> c instanceof Chunk.Unknown)) {
            // the tool's own word for the newest record ("or 'newest' for the newest active promotion")
            Optional<String> special = s.specials().stream().filter(RECENCY_SPECIALS::contains).findFirst();
            if (special.isPresent()) {
                a.args.put(s.name(), special.get());
                a.filled.add(s.name() + " " + special.get());
                part.forEach(a::markTokens);
                return null;
            }
        }
        Reading r = new QueryInterpreter(a.ctx.facts(), a.tokens, rest, a.ctx.today(), a.ctx.probe(), false)
                .read(Optional.of(e.name()));
        if (r.error() != null) {
            return r.error();
        }
        Query.Builder q = Query.builder(e.name());
        Optional<Filter> where = r.where();
        if (where.isEmpty()) {
            where = a.ctx.facts().currentRule(e.name()).map(rule -> RuleRef.of(rule.name()));
        }
        where.ifPresent(q::where);
        Optional<Field> name = a.ctx.facts().nameField(e);
        List<String> fields = new ArrayList<>(List.of(f.name()));
        name.filter(n -> !n.equals(f)).ifPresent(n -> fields.add(n.name()));
        q.fields(fields);
        if (recency) {
            a.ctx.facts().creationDate(e).ifPresent(d -> q.orderBy(OrderBy.desc(d.name())));
            q.limit(1);
        } else {
            q.limit(MAX_OPTIONS + 1);
        }
        List<Row> rows = find(q.build());
        if (rows == null) {
            return null;
        }
        if (rows.isEmpty()) {
            return new PlanError("not_found", "no " + singular(e) + " matches '" + text(part) + "'", List.of(), 0.8,
                    "looked up " + e.name());
        }
        if (rows.size() == 1) {
            Object v = rows.get(0).values().get(f.name());
            a.args.put(s.name(), String.valueOf(v));
            a.filled.add(s.name() + " " + v + (recency ? " (the newest)" : ""));
            part.forEach(a::markTokens);
            return null;
        }
        List<String> options = new ArrayList<>();
        for (Row row : rows.subList(0, Math.min(MAX_OPTIONS, rows.size()))) {
            options.add(insert(anchor, String.valueOf(row.values().get(f.name()))));
        }
        return new Clarification("Which " + singular(e) + " do you mean? " + rows.size() + " match.", options, 0.85,
                "'" + text(part) + "' names several " + e.name());
    }

    /** Asks for what the tool needs and the request does not say, offering current records where it can. */
    Plan askFor(List<ArgumentSchema.Problem> missing) {
        List<String> needs = new ArrayList<>();
        List<String> options = new ArrayList<>();
        for (ArgumentSchema.Problem p : missing) {
            ToolProfile.Slot slot = a.profile.slots.stream().filter(s -> s.name().equals(p.property())).findFirst()
                    .orElse(null);
            String description = slot == null ? "" : slot.schema().path("description").asText("");
            needs.add(description.isEmpty() ? p.property() : p.property() + " (" + description + ")");
            if (slot != null && slot.kind() == ToolProfile.Kind.REFERENCE && options.isEmpty()) {
                options.addAll(current(slot));
            }
        }
        String tool = a.profile.descriptor.name().replace('_', ' ');
        return new Clarification("To " + tool + " I need to know: " + String.join("; ", needs) + ".", options,
                Math.min(0.8, a.conf.value()),
                "the request does not say " + String.join(", ", missing.stream().map(ArgumentSchema.Problem::property)
                        .toList()));
    }

    /** The request completed with each current record: "email everyone about the SUMMER25 promotion". */
    private List<String> current(ToolProfile.Slot slot) {
        if (slot.entity().isEmpty() || slot.field().isEmpty()) {
            return List.of();
        }
        Entity e = slot.entity().get();
        Optional<io.promoagent.schema.model.Rule> rule = a.ctx.facts().currentRule(e.name());
        Query.Builder q = Query.builder(e.name()).fields(slot.field().get().name()).limit(MAX_OPTIONS);
        rule.ifPresent(r -> q.where(RuleRef.of(r.name())));
        List<Row> rows = find(q.build());
        List<String> out = new ArrayList<>();
        if (rows == null) {
            return out;
        }
        boolean topic = a.hasSlot(ToolProfile.Kind.FILTER) || a.hasSlot(ToolProfile.Kind.RECIPIENTS);
        for (Row row : rows) {
            String v = String.valueOf(row.values().get(slot.field().get().name()));
            out.add(a.ctx.text().strip() + (topic ? " about the " + v + " " + singular(e) : " " + v));
        }
        return out;
    }

    private String insert(int token, String value) {
        String text = a.ctx.text();
        if (token < 0) {
            return text.strip() + " (" + value + ")";
        }
        int at = a.tokens.get(token).start();
        return text.substring(0, at) + value + " " + text.substring(at);
    }

    private List<Row> find(Query q) {
        if (a.ctx.resolver().isEmpty()) {
            return null;
        }
        try {
            return a.ctx.resolver().get().find(q);
        } catch (RuntimeException ex) {
            a.conf.note("look-up failed: " + ex.getMessage());
            return null;
        }
    }

    private String text(List<Chunk> part) {
        if (part.isEmpty()) {
            return "";
        }
        return a.ctx.text().substring(a.tokens.get(part.get(0).from()).start(),
                a.tokens.get(part.get(part.size() - 1).to() - 1).end());
    }

    static String singular(Entity e) {
        return Words.singular(e.name().replace('_', ' '));
    }
}
