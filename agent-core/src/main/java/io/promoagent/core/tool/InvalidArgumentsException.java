package io.promoagent.core.tool;

import io.promoagent.core.ToolException;
import java.util.List;
import java.util.stream.Collectors;

/** Arguments of a tool call that are wrong, with every error found, so the model can repair its call. */
public class InvalidArgumentsException extends ToolException {

    private static final long serialVersionUID = 1L;

    private final transient List<ToolError> errors;

    public InvalidArgumentsException(List<ToolError> errors) {
        super(errors.stream().map(ToolError::toString).collect(Collectors.joining("; ")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("invalid arguments have at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    public InvalidArgumentsException(ToolError error) {
        this(List.of(error));
    }

    public List<ToolError> errors() {
        return errors;
    }
}
