package io.promoagent.schema.model;


/**
 * What every part of a validator shares: the model, the limits, the suggestion vocabularies and the
 * checkers built on them. Immutable apart from the vocabularies' thread-safe cache.
 *
 * @param libraryValues checks values in predicates of the data model, which the query limits do not bound
 */
record Context(DataModel model, Limits limits, Names names, FieldResolver fields, ValueChecker queryValues,
               ValueChecker libraryValues) {

    /**
     * How deeply a predicate of the data model may nest: as deep as the JSON reader reads, since the model
     * is trusted but the walk must not exhaust the stack.
     */
    static final int LIBRARY_DEPTH = 32;

    static Context of(DataModel model, Limits limits) {
        Names names = new Names(model);
        Limits unbounded = new Limits(LIBRARY_DEPTH, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE,
                Integer.MAX_VALUE, Integer.MAX_VALUE);
        return new Context(model, limits, names, new FieldResolver(model, names), new ValueChecker(limits, names),
                new ValueChecker(unbounded, names));
    }

    ValueChecker values(Mode mode) {
        return mode == Mode.QUERY ? queryValues : libraryValues;
    }
}
