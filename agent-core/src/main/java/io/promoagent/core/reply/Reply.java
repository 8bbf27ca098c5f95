package io.promoagent.core.reply;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The agent's answer to one request: text for the person, typed blocks for the user interface, and what
 * answering cost. Serialised with {@link ReplyJson}.
 *
 * @param text   the answer in words
 * @param blocks tables, metrics, approval requests, clarifications and errors, in display order
 * @param usage  model and tool calls, tokens and latency
 */
public record Reply(String text, List<Block> blocks, Usage usage) {

    public Reply {
        Objects.requireNonNull(text, "text");
        blocks = List.copyOf(blocks);
        Objects.requireNonNull(usage, "usage");
    }

    public static Reply of(String text, Block... blocks) {
        return new Reply(text, List.of(blocks), Usage.NONE);
    }

    /** A reply that says why the request could not be answered. */
    public static Reply error(String code, String message, List<String> suggestions) {
        return new Reply(message, List.of(new ErrorBlock(code, message, suggestions)), Usage.NONE);
    }

    /** The blocks of one kind, in order. */
    public <T extends Block> List<T> blocks(Class<T> kind) {
        List<T> found = new ArrayList<>();
        for (Block b : blocks) {
            if (kind.isInstance(b)) {
                found.add(kind.cast(b));
            }
        }
        return found;
    }

    /** The first block of one kind. */
    public <T extends Block> Optional<T> block(Class<T> kind) {
        return blocks(kind).stream().findFirst();
    }

    /** Whether the reply reports an error. */
    public boolean hasError() {
        return block(ErrorBlock.class).isPresent();
    }

    public Reply withUsage(Usage newUsage) {
        return new Reply(text, blocks, newUsage);
    }
}
