package io.promoagent.schema.model;

/** How many records on each side of a relationship, read from its {@code from} side. */
public enum Cardinality {
    MANY_TO_ONE,
    ONE_TO_MANY,
    ONE_TO_ONE
}
