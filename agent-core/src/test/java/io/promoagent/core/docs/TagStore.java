package io.promoagent.core.docs;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The versioned store of docs/tools.md's write tool: customer id to tags, with a conditional write. */
public final class TagStore {

    /** A customer's tags and the version they have. */
    public record Tagged(String tags, long version) {
    }

    private final Map<String, Tagged> tags = new ConcurrentHashMap<>();

    public void add(String customerId) {
        tags.put(customerId, new Tagged("", 1));
    }

    public Optional<Tagged> read(String customerId) {
        return Optional.ofNullable(tags.get(customerId));
    }

    /** Writes only if the customer still has {@code version}; whether it did. */
    public boolean writeIfVersion(String customerId, String newTags, long version) {
        Tagged current = tags.get(customerId);
        if (current == null || current.version() != version) {
            return false;
        }
        return tags.replace(customerId, current, new Tagged(newTags, version + 1));
    }
}
