package io.promoagent.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a tool does to the world, which decides whether its calls need approval. */
public enum ToolEffect {
    /** Reads only; runs at once. */
    READ,
    /** Changes stored records; proposes a change set that a person must approve before it is applied. */
    WRITE,
    /** Sends something out of the system (an e-mail); approved like a write. */
    SEND;

    /** Whether calls with this effect go through the approval gate. */
    public boolean needsApproval() {
        return this != READ;
    }

    /** The effect as written in JSON ({@code write}). */
    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ToolEffect fromJson(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
