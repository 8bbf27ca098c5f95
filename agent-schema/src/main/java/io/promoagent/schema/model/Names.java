package io.promoagent.schema.model;

import io.promoagent.schema.validate.Suggestions;
import io.promoagent.schema.validate.Suggestions.Vocabulary;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The names of one data model that a wrong name may have meant, with their synonyms, built lazily and
 * kept for the validator's life; safe to share between threads.
 */
final class Names {

    /** A field's bare name standing for its dotted path ranks just behind the entity's own synonyms. */
    private static final double BARE_NAME_OF_PATH = 0.04;
    /** A synonym of a field reached through a relationship. */
    private static final double SYNONYM_OF_PATH = 0.06;
    /** A rule or measure of another entity than the one being filtered or aggregated. */
    private static final double OTHER_ENTITY = 0.1;
    /** Paths through more relationships than this are not offered as suggestions. */
    private static final int MAX_HOPS = 2;

    private final DataModel model;
    private final Map<String, Vocabulary> cache = new ConcurrentHashMap<>();
    private final Map<Field, Vocabulary> enums = new ConcurrentHashMap<>();

    Names(DataModel model) {
        this.model = model;
    }

    List<String> entities(String wrong) {
        return cache.computeIfAbsent("entities", k -> {
            Vocabulary v = new Vocabulary();
            model.entities().forEach(e -> v.add(e.name(), e.synonyms()));
            return v;
        }).rank(wrong);
    }

    /**
     * Fields of {@code entity} that {@code wrong} may have meant; with {@code paths}, also fields reached
     * through many-to-one relationships ({@code customer.segment}).
     */
    List<String> fields(String entity, String wrong, Mode mode, boolean paths) {
        return cache.computeIfAbsent("fields/" + entity + "/" + mode + "/" + paths, k -> {
            Vocabulary v = new Vocabulary();
            model.entity(entity).ifPresent(e -> {
                for (Field f : e.fields()) {
                    if (usable(f, mode)) {
                        v.add(f.name(), f.synonyms());
                    }
                }
                if (paths) {
                    addPaths(v, e, "", mode, new HashSet<>(Set.of(e.name())), 0);
                }
            });
            return v;
        }).rank(wrong);
    }

    private void addPaths(Vocabulary v, Entity from, String prefix, Mode mode, Set<String> seen, int hops) {
        if (hops >= MAX_HOPS) {
            return;
        }
        for (Navigation nav : model.navigations(from.name()).values()) {
            Optional<Entity> to = model.entity(nav.to());
            if (nav.toMany() || to.isEmpty() || !seen.add(nav.to())) {
                continue;
            }
            String p = prefix + nav.name() + ".";
            for (Field f : to.get().fields()) {
                if (!usable(f, mode)) {
                    continue;
                }
                String path = p + f.name();
                v.word(path, path, 0);
                v.word(path, to.get().name() + "." + f.name(), Vocabulary.SYNONYM);
                v.word(path, f.name(), BARE_NAME_OF_PATH * (hops + 1));
                f.synonyms().forEach(s -> v.word(path, s, SYNONYM_OF_PATH * (hops + 1)));
            }
            addPaths(v, to.get(), p, mode, seen, hops + 1);
            seen.remove(nav.to());
        }
    }

    /** Fields of {@code entity} of a kind (dates, numbers) that {@code wrong} may have meant, else all of that kind. */
    List<String> fieldsOfKind(String entity, String wrong, Mode mode, Predicate<Field> kind) {
        List<Field> fields = model.entity(entity).map(Entity::fields).orElse(List.of()).stream()
                .filter(f -> usable(f, mode) && kind.test(f)).toList();
        Vocabulary v = new Vocabulary();
        fields.forEach(f -> v.add(f.name(), f.synonyms()));
        List<String> ranked = v.rank(wrong);
        return ranked.isEmpty() ? fields.stream().map(Field::name).limit(Suggestions.MAX).toList() : ranked;
    }

    /** Relationships followable from {@code entity}, matched also by the names of the entities they reach. */
    List<String> navigations(String entity, String wrong) {
        return cache.computeIfAbsent("navigations/" + entity, k -> {
            Vocabulary v = new Vocabulary();
            for (Navigation nav : model.navigations(entity).values()) {
                List<String> words = new ArrayList<>();
                model.entity(nav.to()).ifPresent(to -> {
                    words.add(to.name());
                    words.addAll(to.synonyms());
                });
                v.add(nav.name(), words);
            }
            return v;
        }).rank(wrong);
    }

    /** Rules, those over {@code entity} first. */
    List<String> rules(String entity, String wrong) {
        return cache.computeIfAbsent("rules/" + entity, k -> {
            Vocabulary v = new Vocabulary();
            for (Rule r : model.rules()) {
                double penalty = r.entity().equals(entity) ? 0 : OTHER_ENTITY;
                v.word(r.name(), r.name(), penalty);
                r.synonyms().forEach(s -> v.word(r.name(), s, penalty + Vocabulary.SYNONYM));
            }
            return v;
        }).rank(wrong);
    }

    /** Measures, those over {@code entity} first. */
    List<String> measures(String entity, String wrong) {
        return cache.computeIfAbsent("measures/" + entity, k -> {
            Vocabulary v = new Vocabulary();
            for (Measure m : model.measures()) {
                double penalty = m.entity().equals(entity) ? 0 : OTHER_ENTITY;
                v.word(m.name(), m.name(), penalty);
                m.synonyms().forEach(s -> v.word(m.name(), s, penalty + Vocabulary.SYNONYM));
            }
            return v;
        }).rank(wrong);
    }

    /** Measures over {@code entity} only. */
    List<String> measuresOf(String entity, String wrong) {
        Vocabulary v = new Vocabulary();
        model.measures().stream().filter(m -> m.entity().equals(entity)).forEach(m -> v.add(m.name(), m.synonyms()));
        return v.rank(wrong);
    }

    /** The values of an enum field, matched also by their synonyms. */
    List<String> enumValues(Field field, String wrong) {
        return enums.computeIfAbsent(field, f -> {
            Vocabulary v = new Vocabulary();
            for (EnumValue ev : f.values()) {
                v.add(ev.value(), ev.synonyms());
            }
            return v;
        }).rank(wrong);
    }

    /** Names out of a fixed list (aliases, operators), matched also by the given synonyms. */
    static List<String> among(String wrong, Map<String, List<String>> namesWithSynonyms) {
        return Suggestions.rank(wrong, namesWithSynonyms);
    }

    /** The other entities that have a field of exactly this name. */
    List<String> ownersOf(String field, String except) {
        List<String> owners = new ArrayList<>();
        for (Entity e : model.entities()) {
            if (!e.name().equals(except) && e.field(field).isPresent()) {
                owners.add(e.name());
            }
        }
        return owners;
    }

    /** The relationship followed from {@code from} to reach {@code to} one-to-one or many-to-one, if any. */
    Optional<Navigation> navigationTo(String from, String to) {
        return model.navigations(from).values().stream().filter(n -> n.to().equals(to)).findFirst();
    }

    static boolean usable(Field f, Mode mode) {
        return mode != Mode.QUERY || f.visibility() != Visibility.HIDDEN;
    }
}
