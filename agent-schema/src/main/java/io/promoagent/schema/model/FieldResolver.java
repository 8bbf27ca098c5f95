package io.promoagent.schema.model;

import static io.promoagent.schema.model.Text.q;

import io.promoagent.schema.validate.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the field a query names, or reports why it cannot, with suggestions. */
final class FieldResolver {

    /** Where a field is named, which decides whether a path through relationships is allowed. */
    enum Use {
        RETURN("returns", false),
        ORDER("orders by", false),
        FILTER("filters on", true),
        GROUP("groups by", true),
        AGGREGATE("aggregates", true);

        final String verb;
        final boolean paths;

        Use(String verb, boolean paths) {
            this.verb = verb;
            this.paths = paths;
        }
    }

    private final DataModel model;
    private final Names names;

    FieldResolver(DataModel model, Names names) {
        this.model = model;
        this.names = names;
    }

    /**
     * The field {@code name} names from {@code entity} (which exists), or {@code null} after adding an
     * error at {@code path}.
     */
    FieldPath resolve(String entity, String name, String path, Use use, Mode mode, Errors errors) {
        Entity e = model.requireEntity(entity);
        if (!name.contains(".")) {
            Optional<Field> f = e.field(name);
            if (f.isEmpty()) {
                unknown(entity, name, path, use, mode, errors);
                return null;
            }
            return visible(new FieldPath(List.of(), f.get()), entity, name, path, use, mode, errors);
        }
        String[] parts = name.split("\\.", -1);
        if (!use.paths) {
            errors.add(ErrorCode.UNKNOWN_FIELD, path, "a query " + use.verb + " fields of " + entity
                            + " only, not a path such as " + q(name) + "; group by it or query the related entity",
                    names.fields(entity, parts[parts.length - 1], mode, false));
            return null;
        }
        String current = entity;
        List<Navigation> via = new ArrayList<>();
        for (int i = 0; i < parts.length - 1; i++) {
            Optional<Navigation> nav = model.navigation(current, parts[i]);
            if (nav.isEmpty()) {
                errors.add(ErrorCode.UNKNOWN_RELATIONSHIP, path, current + " has no relationship " + q(parts[i])
                                + known(current), names.fields(entity, name, mode, true));
                return null;
            }
            if (nav.get().toMany()) {
                toMany(current, nav.get(), name, path, use, errors);
                return null;
            }
            via.add(nav.get());
            current = nav.get().to();
        }
        String last = parts[parts.length - 1];
        Optional<Field> f = model.entity(current).flatMap(t -> t.field(last));
        if (f.isEmpty()) {
            errors.add(ErrorCode.UNKNOWN_FIELD, path, current + " has no field " + q(last),
                    names.fields(entity, name, mode, true));
            return null;
        }
        return visible(new FieldPath(via, f.get()), entity, name, path, use, mode, errors);
    }

    private FieldPath visible(FieldPath p, String entity, String name, String path, Use use, Mode mode, Errors errors) {
        if (mode == Mode.QUERY && p.field().visibility() == Visibility.HIDDEN) {
            errors.add(ErrorCode.FIELD_NOT_VISIBLE, path,
                    "field " + q(name) + " of " + entity + " is hidden; a query may not name it");
            return null;
        }
        return p;
    }

    private void unknown(String entity, String name, String path, Use use, Mode mode, Errors errors) {
        List<String> suggestions = names.fields(entity, name, mode, use.paths);
        String message = entity + " has no field " + q(name);
        List<String> owners = names.ownersOf(name, entity);
        if (!owners.isEmpty()) {
            message += "; " + q(name) + " is a field of " + String.join(" and ", owners);
            Optional<Navigation> nav = names.navigationTo(entity, owners.get(0));
            if (nav.isPresent() && nav.get().toMany() && use == Use.FILTER) {
                message += ", reached with a related filter via " + q(nav.get().name());
            } else if (nav.isPresent() && !nav.get().toMany() && !use.paths) {
                message += "; group by " + nav.get().name() + "." + name + ", or query " + owners.get(0);
            }
        }
        if (suggestions.isEmpty() && owners.isEmpty()) {
            // nothing is close: show what there is, so that a model can still pick the right field
            message += "; its fields are " + Text.list(model.requireEntity(entity).fields().stream()
                    .filter(f -> Names.usable(f, mode)).map(Field::name).toList(), 40);
        }
        errors.add(ErrorCode.UNKNOWN_FIELD, path, message, suggestions);
    }

    private void toMany(String from, Navigation nav, String name, String path, Use use, Errors errors) {
        String why = from + " has many " + nav.to() + " through " + q(nav.name()) + ", so " + q(name)
                + " has no single value";
        if (use == Use.GROUP) {
            errors.add(ErrorCode.NOT_GROUPABLE, path, why + "; group a query on " + nav.to() + " instead");
        } else if (use == Use.AGGREGATE) {
            errors.add(ErrorCode.NOT_AGGREGATABLE, path, why + "; aggregate a query on " + nav.to() + " instead");
        } else {
            errors.add(ErrorCode.UNKNOWN_FIELD, path, why + "; use a related filter via " + q(nav.name()));
        }
    }

    private String known(String entity) {
        List<String> navs = List.copyOf(model.navigations(entity).keySet());
        return navs.isEmpty() ? "" : " (it has " + Text.list(navs) + ")";
    }
}
