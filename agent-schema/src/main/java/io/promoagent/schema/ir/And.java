package io.promoagent.schema.ir;

import java.util.List;

/** True when every operand is true; an empty conjunction is true. */
public record And(List<Filter> operands) implements Filter {

    public And {
        operands = List.copyOf(operands);
    }
}
