package io.promoagent.schema.model;

/** Who wrote the filter being checked, which decides what it may name and how values are read. */
enum Mode {
    /**
     * A query from a model or a person: hidden fields may not be named, and enum values written in another
     * case or as a synonym are replaced by the canonical value.
     */
    QUERY,
    /**
     * A predicate of the data model itself (a rule, a measure's condition): hidden fields may be named,
     * and enum values must be written exactly, since nothing normalises them later.
     */
    LIBRARY,
    /**
     * A rule's predicate: as {@link #LIBRARY}, and it may also test computed values, because the query engine
     * expands rules before any source sees them and evaluates their tests itself. A measure's condition may not:
     * sources compute measures.
     */
    RULE
}
