package io.promoagent.schema.ir;

/** The direction of an ordering. */
public enum Direction {
    ASC,
    DESC
}
