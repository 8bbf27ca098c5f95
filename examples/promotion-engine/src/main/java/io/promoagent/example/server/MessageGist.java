package io.promoagent.example.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Optional;

/**
 * What the load benchmark needs of a server message: its type, its request id, and the text of an error
 * (an {@code error} message, or an {@code error} block in a reply). Read with a streaming parser that skips
 * everything else, so that the benchmark's own reading of large replies does not take the CPU the server
 * it measures needs.
 *
 * @param type  the message's {@code type}; {@code unreadable} when the text is not a JSON object
 * @param id    the request id it answers, empty when it has none
 * @param error the message of an error message or of the first error block; empty when there is none
 */
record MessageGist(String type, String id, Optional<String> error) {

    static MessageGist read(String text) {
        // A JSON string cannot hold an unescaped quote, so a message without the token "error" holds neither
        // an error message nor an error block: for it, the type and the id are enough, and reading stops
        // once it has them (they come first in this server's messages) instead of tokenizing a large reply.
        boolean mayHoldAnError = text.contains("\"error\"");
        try (JsonParser p = ServerMessages.mapper().getFactory().createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return unreadable();
            }
            String type = "";
            String id = "";
            String message = null;
            String blockError = null;
            boolean sawId = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("type") && value == JsonToken.VALUE_STRING) {
                    type = p.getText();
                } else if (field.equals("id") && value == JsonToken.VALUE_STRING) {
                    id = p.getText();
                    sawId = true;
                } else if (field.equals("message") && value == JsonToken.VALUE_STRING) {
                    message = p.getText();
                } else if (field.equals("reply") && value == JsonToken.START_OBJECT) {
                    blockError = firstErrorBlock(p);
                } else {
                    p.skipChildren();
                }
                if (!mayHoldAnError && sawId && !type.isEmpty()) {
                    return new MessageGist(type, id, Optional.empty());
                }
            }
            Optional<String> error = type.equals("error") ? Optional.ofNullable(message).or(() -> Optional.of(""))
                    : Optional.ofNullable(blockError);
            return new MessageGist(type, id, error);
        } catch (IOException e) {
            return unreadable();
        }
    }

    private static MessageGist unreadable() {
        return new MessageGist("unreadable", "", Optional.empty());
    }

    /** Reads a reply object to its end; the message of its first {@code error} block, or null. */
    private static String firstErrorBlock(JsonParser p) throws IOException {
        String found = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("blocks") && value == JsonToken.START_ARRAY) {
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    String error = errorOfBlock(p);
                    if (found == null) {
                        found = error;
                    }
                }
            } else {
                p.skipChildren();
            }
        }
        return found;
    }

    /** Reads one block to its end; its message when it is an {@code error} block, or null. */
    private static String errorOfBlock(JsonParser p) throws IOException {
        boolean error = false;
        String message = "";
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("type") && value == JsonToken.VALUE_STRING) {
                error = p.getText().equals("error");
            } else if (field.equals("message") && value == JsonToken.VALUE_STRING) {
                message = p.getText();
            } else {
                p.skipChildren();
            }
        }
        return error ? message : null;
    }
}
