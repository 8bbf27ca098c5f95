package io.promoagent.planner.internal;

import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.Navigation;
import io.promoagent.schema.validate.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Words the vocabulary does not know: a person's name ("Find John Smith", "orders by John Smith"), a field
 * the model does not have ("where colour is red": an error with the nearest fields), or doubt.
 */
final class Names {

    /** Words before a place: "customers in Berlin", "from London". */
    private static final java.util.Set<String> PLACE_PREPOSITIONS = java.util.Set.of("in", "from", "at", "near",
            "around", "of");

    private final QueryInterpreter q;
    private final Clauses clauses;

    Names(QueryInterpreter interpreter, Clauses clauses) {
        this.q = interpreter;
        this.clauses = clauses;
    }

    int unknown(int k) {
        Token first = ((Chunk.Unknown) q.chunks.get(k)).token();
        if (KnownWords.expansion(q.tokens, q.chunks.get(k).from()) != null) {
            q.recognised++;
            return k; // "the ACP ... the average closing price": the words it stands for are read
        }
        if (KnownWords.inclusiveEnds(q.tokens, q.chunks.get(k).from())) {
            q.recognised++;
            return k; // "inclusive of start and end dates"
        }
        if (first.is("address") && q.chunk(k - 1) instanceof Chunk.Term t && t.senses().stream().anyMatch(s
                -> s instanceof Sense.FieldSense f && f.field().name().toLowerCase(java.util.Locale.ROOT).contains("mail"))) {
            q.recognised++;
            return k; // "e-mail address" is the e-mail field
        }
        if (KnownWords.quiet(first.key()) || KnownWords.unitOfField(first.key(), q.head, q.facts.model)
                || KnownWords.relationVerb(q.tokens, q.chunks, k,
                e -> !e.equals(q.head.name()) && q.navigation(e).isPresent())) {
            q.recognised++;
            return k; // the accountant checks that the query bears it out
        }
        int end = unknownRun(k);
        if (end == k && storedValue(k)) {
            return k;
        }
        if (names(k, end)) {
            int described = describedField(end);
            if (described >= 0) {
                return valueOfField(k, end, described);
            }
            nameReference(k, end);
            return end;
        }
        int before = previousMeaningful(k);
        Chunk prev = q.chunk(before);
        Chunk next = q.chunk(clauses.skipFiller(end + 1));
        String wrong = q.text(q.chunks.get(k).from(), q.chunks.get(end).to());
        boolean fieldExpected = (prev instanceof Chunk.Word w && (w.role() == Grammar.Role.WHERE))
                || (next instanceof Chunk.Word n && (n.role() == Grammar.Role.CMP || isWord(n, "is")));
        if (fieldExpected) {
            boolean numeric = next instanceof Chunk.Word n && n.role() == Grammar.Role.CMP;
            List<String> suggestions = Suggestions.rank(wrong, fieldVocabulary(q.head));
            if (suggestions.isEmpty()) {
                suggestions = q.head.fields().stream().filter(f -> ModelFacts.visible(f)
                        && (!numeric || f.type().isNumeric())).map(Field::name).toList();
            }
            q.error = Clauses.error("unknown_field", q.head.name() + " have no field '" + wrong + "'", suggestions, q.conf);
            return end;
        }
        for (int j = k; j <= end; j++) {
            Token t = ((Chunk.Unknown) q.chunks.get(j)).token();
            q.unknown.add(t.text());
            q.conf.penalize(0.6, "did not understand '" + t.text() + "'");
        }
        return end;
    }

    /** Whether unknown words {@code k..end} are a name: capitalised, or after "find" or "named". */
    boolean names(int k, int end) {
        boolean caps = true;
        for (int j = k; j <= end; j++) {
            Token t = ((Chunk.Unknown) q.chunks.get(j)).token();
            // "JOHN SMITH" is a name in capitals; one word in capitals ("PMCS", "USA") is an acronym
            caps &= t.capitalized() && !t.allCaps() || (t.allCaps() && t.text().length() > 3 && end > k);
        }
        boolean sentenceStart = q.chunks.get(k).from() == 0;
        if (caps && !(sentenceStart && end == k)) {
            return true;
        }
        Chunk prev = q.chunk(previousMeaningful(k));
        return prev instanceof Chunk.Word w && w.role() == Grammar.Role.READ
                && (isWord(w, "find") || isWord(w, "lookup") || isWord(w, "look up") || isWord(w, "search")
                || isWord(w, "search for"));
    }

    void nameReference(int k, int end) {
        int from = q.chunks.get(k).from();
        int to = q.chunks.get(end).to();
        String value = q.text(from, to);
        boolean place = from > 0 && PLACE_PREPOSITIONS.contains(q.tokens.get(from - 1).key());
        // the head's text fields, then those of entities one step up ("orders by John Smith")
        List<Entity> entities = new ArrayList<>(List.of(q.head));
        for (Navigation nav : q.facts.model.navigations(q.head.name()).values()) {
            if (!nav.toMany()) {
                entities.add(q.facts.entity(nav.to()));
            }
        }
        Entity target = null;
        Field field = null;
        for (Entity e : entities) {
            List<Field> candidates = q.facts.textFields(e, place);
            Optional<Field> held = q.probe.holder(e, value, candidates, true);
            if (held.isPresent()) {
                target = e;
                field = held.get();
                break;
            }
            if (target == null && !candidates.isEmpty() && (place || q.facts.nameField(e).isPresent())) {
                target = e;
                field = candidates.get(0);
            }
        }
        if (field == null) {
            q.conf.penalize(0.5, "'" + value + "' looks like a name, but " + q.head.name() + " have no name");
            q.unknown.add(value);
            return;
        }
        boolean isName = q.facts.nameField(target).map(field::equals).orElse(false);
        if (!q.tokens.get(from).capitalized()) {
            q.conf.penalize(0.8, "took '" + value + "' for a " + (isName ? "name" : field.name()));
        }
        boolean context = q.chunks.stream().anyMatch(c -> (c instanceof Chunk.Word w && w.role() == Grammar.Role.READ)
                || (c instanceof Chunk.Term t && t.senses().stream().anyMatch(s -> s instanceof Sense.EntitySense
                || s instanceof Sense.FieldSense)));
        if (!context && !q.separateReferences) {
            q.conf.penalize(0.6, "'" + value + "' stands alone; took it for a " + (isName ? "name" : field.name()));
        }
        clauses.reference(new Reference(target.name(), field, value, isName ? Reference.Kind.NAME : Reference.Kind.VALUE,
                from, to));
    }

    /**
     * "customers from the USA": a word in capitals after "in", "from" or "at" is a value when a look-up finds
     * it as written in a text field (places first) of the head or of a record it reaches through a
     * many-to-one relationship. Without a look-up, or when nothing holds it, it is not read.
     */
    private boolean storedValue(int k) {
        Token t = ((Chunk.Unknown) q.chunks.get(k)).token();
        int from = q.chunks.get(k).from();
        int before = from - 1;
        if (before >= 0 && q.tokens.get(before).is("the")) {
            before--;
        }
        if (!t.allCaps() || t.text().length() < 2 || t.text().length() > 5 || before < 0
                || !PLACE_PREPOSITIONS.contains(q.tokens.get(before).key())) {
            return false;
        }
        List<Entity> entities = new ArrayList<>(List.of(q.head));
        for (Navigation nav : q.facts.model.navigations(q.head.name()).values()) {
            if (!nav.toMany()) {
                entities.add(q.facts.entity(nav.to()));
            }
        }
        for (Entity e : entities) {
            Optional<Field> held = q.probe.holder(e, t.text(), q.facts.textFields(e, true), false);
            if (held.isPresent()) {
                clauses.reference(new Reference(e.name(), held.get(), t.text(), Reference.Kind.VALUE, from, from + 1));
                return true;
            }
        }
        return false;
    }

    /**
     * The chunk of the text field that names written before it are part of: "a Gmail or Yahoo email
     * address" (past other names joined by "or"), or -1.
     */
    private int describedField(int end) {
        int j = end + 1;
        while (q.chunk(j) instanceof Chunk.Word w && (w.role() == Grammar.Role.OR || w.role() == Grammar.Role.AND)
                && q.chunk(j + 1) instanceof Chunk.Unknown) {
            j = unknownRun(j + 1) + 1;
        }
        if (q.chunk(j) instanceof Chunk.Term t && clauses.pick(t.senses()) instanceof Sense.FieldSense f
                && f.field().type() == io.promoagent.schema.model.FieldType.STRING
                && (f.entity().equals(q.head.name()) || q.navigation(f.entity()).filter(n -> !n.toMany()).isPresent())) {
            return j;
        }
        return -1;
    }

    /** "a Gmail email address": the field contains the words; the field's chunk is used by the last value. */
    private int valueOfField(int k, int end, int fieldChunk) {
        Chunk.Term t = (Chunk.Term) q.chunks.get(fieldChunk);
        Sense.FieldSense f = (Sense.FieldSense) clauses.pick(t.senses());
        int from = q.chunks.get(k).from();
        int to = q.chunks.get(end).to();
        q.recognised++;
        q.conds.add(f.entity(), new io.promoagent.schema.ir.Compare(f.field().name(),
                io.promoagent.schema.ir.Operator.CONTAINS, List.of(q.text(from, to)), true), q.negate);
        q.negate = false;
        q.withPending = false;
        return fieldChunk == end + 1 ? fieldChunk : end;
    }

    int unknownRun(int k) {
        int end = k;
        while (q.chunk(end + 1) instanceof Chunk.Unknown) {
            end++;
        }
        return end;
    }

    int previousMeaningful(int k) {
        int j = k - 1;
        while (q.chunk(j) instanceof Chunk.Word w && (w.role() == Grammar.Role.STOP || w.role() == Grammar.Role.LEAD)) {
            j--;
        }
        return j;
    }

    boolean isWord(Chunk.Word w, String phrase) {
        return q.text(w).equalsIgnoreCase(phrase);
    }

    /** The names and synonyms of an entity's fields, for "did you mean" suggestions. */
    Map<String, List<String>> fieldVocabulary(Entity e) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Field f : e.fields()) {
            if (ModelFacts.visible(f)) {
                out.put(f.name(), f.synonyms());
            }
        }
        return out;
    }

    /** The closest names, or the describable fields when nothing is close. */
    List<String> ranked(String wrong, Map<String, List<String>> vocabulary) {
        List<String> r = Suggestions.rank(wrong, vocabulary);
        return r.isEmpty() ? q.facts.describableFields(q.head) : r;
    }
}
