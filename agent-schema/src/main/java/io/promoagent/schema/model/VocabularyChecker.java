package io.promoagent.schema.model;

import io.promoagent.schema.validate.Suggestions;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Checks the {@code vocabulary} of a data model: each phrase is words a request can
 * contain and names something the model has. A wrong name fails with the nearest valid ones.
 */
final class VocabularyChecker {

    /** What the planner's tokenizer keeps whole; "% off" would lose its symbol and mean "off". */
    private static final String PHRASE = "[\\p{L}\\p{N} _'\u2019.-]*[\\p{L}\\p{N}][\\p{L}\\p{N} _'\u2019.-]*";

    private final DataModel model;

    VocabularyChecker(DataModel model) {
        this.model = model;
    }

    void check() {
        List<Phrase> phrases = model.vocabulary();
        for (int i = 0; i < phrases.size(); i++) {
            Phrase p = phrases.get(i);
            String path = "vocabulary[" + i + "]";
            if (!p.text().matches(PHRASE)) {
                fail(path + ".phrase", "a phrase is words: letters, digits, spaces and _ ' . -; got '" + p.text() + "'");
            }
            check(p, path + ".means." + p.kind().key());
        }
    }

    private void check(Phrase p, String path) {
        switch (p.kind()) {
            case RULE -> {
                if (model.rule(p.target()).isEmpty()) {
                    unknown(path, "rule '" + p.target() + "'", p.target(), model.rules().stream().map(Rule::name).toList());
                }
            }
            case MEASURE -> {
                if (model.measure(p.target()).isEmpty()) {
                    unknown(path, "measure '" + p.target() + "'", p.target(), model.measures().stream().map(Measure::name).toList());
                }
            }
            case ENTITY -> entity(path, p.target());
            case FIELD, VALUE -> {
                if (p.target().indexOf('.') < 0) {
                    fail(path, "expected entity.field" + (p.kind() == Phrase.Kind.VALUE ? " = value" : "")
                            + ", got '" + p.target() + "'");
                }
                Entity e = entity(path, p.entity());
                Field f = e.field(p.field()).orElse(null);
                if (f == null) {
                    unknown(path, "field '" + p.field() + "' of entity '" + e.name() + "'", p.field(), e.fieldNames());
                }
                if (p.kind() == Phrase.Kind.VALUE) {
                    value(path, e, f, p.value());
                }
            }
        }
    }

    private Entity entity(String path, String name) {
        Optional<Entity> e = model.entity(name);
        if (e.isEmpty()) {
            unknown(path, "entity '" + name + "'", name, model.entities().stream().map(Entity::name).toList());
        }
        return e.get();
    }

    private static void value(String path, Entity e, Field f, String value) {
        if (f.type() != FieldType.ENUM) {
            fail(path, "a value phrase names a value of an enum field; '" + e.name() + "." + f.name() + "' is "
                    + f.type().name().toLowerCase(java.util.Locale.ROOT));
        }
        List<String> values = f.values().stream().map(EnumValue::value).toList();
        if (!values.contains(value)) {
            unknown(path, "value '" + value + "' of '" + e.name() + "." + f.name() + "'", value, values);
        }
    }

    private static void unknown(String path, String what, String name, Collection<String> valid) {
        List<String> close = Suggestions.rank(name, valid);
        fail(path, "unknown " + what + (close.isEmpty()
                ? (valid.isEmpty() ? "" : "; one of " + String.join(", ", valid))
                : "; did you mean " + String.join(" or ", close.stream().map(c -> "'" + c + "'").toList()) + "?"));
    }

    private static void fail(String path, String problem) {
        throw new DataModelException(path, problem);
    }
}
