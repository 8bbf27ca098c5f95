package io.promoagent.planner.internal;

import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.Measure;
import io.promoagent.schema.model.Rule;

/** One meaning a phrase of the data model's vocabulary can have. */
sealed interface Sense {

    /** The entity the meaning belongs to. */
    String entity();

    /** Whether the phrase is the thing's own name rather than a synonym; names win ties. */
    boolean byName();

    /** An entity: "customers", "clients". */
    record EntitySense(Entity value, boolean byName) implements Sense {
        @Override
        public String entity() {
            return value.name();
        }
    }

    /** A field: "total spent", "joined". */
    record FieldSense(Entity owner, Field field, boolean byName) implements Sense {
        @Override
        public String entity() {
            return owner.name();
        }
    }

    /** A value of an enum field: "Germany" is country DE. */
    record ValueSense(Entity owner, Field field, String value, boolean byName) implements Sense {
        @Override
        public String entity() {
            return owner.name();
        }
    }

    /** A business rule: "VIP", "recent orders". */
    record RuleSense(Rule rule, boolean byName) implements Sense {
        @Override
        public String entity() {
            return rule.entity();
        }
    }

    /** A measure: "revenue", "average order value". */
    record MeasureSense(Measure measure, boolean byName) implements Sense {
        @Override
        public String entity() {
            return measure.entity();
        }
    }
}
