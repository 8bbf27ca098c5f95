package io.promoagent.schema.ir;

import java.util.List;

/** True when at least one operand is true; an empty disjunction is false. */
public record Or(List<Filter> operands) implements Filter {

    public Or {
        operands = List.copyOf(operands);
    }
}
