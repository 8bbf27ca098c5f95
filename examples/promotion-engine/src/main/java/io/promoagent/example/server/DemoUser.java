package io.promoagent.example.server;

import io.promoagent.core.security.Principal;
import java.util.Objects;

/**
 * A demo user the page can switch to: the principal and the API key that signs in as it.
 *
 * @param principal who the user is
 * @param apiKey    the key the page sends to authenticate
 */
public record DemoUser(Principal principal, String apiKey) {

    public DemoUser {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(apiKey, "apiKey");
    }
}
