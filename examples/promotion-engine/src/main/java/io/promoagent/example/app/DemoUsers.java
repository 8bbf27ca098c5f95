package io.promoagent.example.app;

import io.promoagent.core.security.Principal;
import io.promoagent.core.security.Roles;
import io.promoagent.example.server.DemoUser;
import java.util.List;
import java.util.Optional;

/**
 * The three people of the demo, so that separation of duties can be seen: an analyst who reads, a
 * marketer who proposes, an approver who approves. Their API keys are for a local demo only.
 */
public final class DemoUsers {

    public static final DemoUser ANALYST = new DemoUser(Principal.of("analyst", Roles.ANALYST), "analyst-key");
    public static final DemoUser MARKETER = new DemoUser(Principal.of("marketer", Roles.MARKETER), "marketer-key");
    public static final DemoUser APPROVER = new DemoUser(Principal.of("approver", Roles.APPROVER), "approver-key");

    private DemoUsers() {
    }

    public static List<DemoUser> all() {
        return List.of(ANALYST, MARKETER, APPROVER);
    }

    /** The demo user with this name ({@code analyst}, {@code marketer}, {@code approver}). */
    public static Optional<Principal> byName(String name) {
        return all().stream().map(DemoUser::principal).filter(p -> p.id().equals(name)).findFirst();
    }

    public static Optional<Principal> byKey(String apiKey) {
        return all().stream().filter(u -> u.apiKey().equals(apiKey)).map(DemoUser::principal).findFirst();
    }
}
