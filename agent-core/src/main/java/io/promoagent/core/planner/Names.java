package io.promoagent.core.planner;

import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.Navigation;
import io.promoagent.schema.validate.Suggestions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Words the vocabulary does not know: a person's name ("Find John Smith", "orders by John Smith"), a field
 * the model does not have ("where colour is red": an error with the nearest fields), or doubt.
 */
final class Names {

    private final QueryInterpreter q;
    private final Clauses clauses;

    Names(QueryInterpreter interpreter, Clauses clauses) {
        this.q = interpreter;
        this.clauses = clauses;
    }

    int unknown(int k) {
        int end = unknownRun(k);
        if (names(k, end)) {
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
            caps &= t.capitalized() && !t.allCaps() || (t.allCaps() && t.text().length() > 3);
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
        String name = q.text(q.chunks.get(k).from(), q.chunks.get(end).to());
        Entity target = q.head;
        Optional<Field> field = q.facts.nameField(target);
        if (field.isEmpty()) {
            for (Navigation nav : q.facts.model.navigations(q.head.name()).values()) {
                Entity to = q.facts.entity(nav.to());
                if (!nav.toMany() && q.facts.nameField(to).isPresent()) {
                    target = to;
                    field = q.facts.nameField(to);
                    break;
                }
            }
        }
        if (field.isEmpty()) {
            q.conf.penalize(0.5, "'" + name + "' looks like a name, but " + q.head.name() + " have no name");
            q.unknown.add(name);
            return;
        }
        if (!q.tokens.get(q.chunks.get(k).from()).capitalized()) {
            q.conf.penalize(0.8, "took '" + name + "' for a name");
        }
        boolean context = q.chunks.stream().anyMatch(c -> (c instanceof Chunk.Word w && w.role() == Grammar.Role.READ)
                || (c instanceof Chunk.Term t && t.senses().stream().anyMatch(s -> s instanceof Sense.EntitySense
                || s instanceof Sense.FieldSense)));
        if (!context && !q.separateReferences) {
            q.conf.penalize(0.6, "'" + name + "' stands alone; took it for a name");
        }
        clauses.reference(new Reference(target.name(), field.get(), name, Reference.Kind.NAME, q.chunks.get(k).from(),
                q.chunks.get(end).to()));
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
