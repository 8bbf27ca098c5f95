package io.promoagent.schema.ir;

import java.util.Objects;

/** True when its operand is false. */
public record Not(Filter operand) implements Filter {

    public Not {
        Objects.requireNonNull(operand, "operand");
    }
}
