package io.promoagent.core.session;

import java.util.Locale;
import java.util.Objects;

/**
 * One message of a conversation as it is remembered: who said it and the text. Tool calls and results are
 * not remembered; a later request asks again.
 *
 * @param role who said it
 * @param text what was said
 */
public record SessionMessage(Role role, String text) {

    /** Who said a message. */
    public enum Role {
        USER, ASSISTANT;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public SessionMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(text, "text");
    }

    public static SessionMessage user(String text) {
        return new SessionMessage(Role.USER, text);
    }

    public static SessionMessage assistant(String text) {
        return new SessionMessage(Role.ASSISTANT, text);
    }
}
