package io.promoagent.core.security;

import java.util.Objects;
import java.util.Set;

/**
 * Who makes a request: an id and the roles that decide which tools they may use and what they may
 * approve.
 *
 * @param id    a stable identifier of the person or system
 * @param roles their roles ({@code analyst}, {@code marketer}, {@code approver}, {@code admin})
 */
public record Principal(String id, Set<String> roles) {

    public Principal {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a principal needs a non-blank id");
        }
        roles = Set.copyOf(roles);
    }

    public static Principal of(String id, String... roles) {
        return new Principal(id, Set.of(roles));
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
