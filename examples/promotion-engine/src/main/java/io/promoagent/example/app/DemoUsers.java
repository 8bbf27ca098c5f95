package io.promoagent.example.app;

import io.promoagent.core.security.Principal;
import io.promoagent.core.security.Roles;
import io.promoagent.example.server.DemoUser;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * The three people of the demo, so that separation of duties can be seen: an analyst who reads, a
 * marketer who proposes, an approver who approves; their API keys, and the secret of the sign-in link
 * that {@code serve} prints, with which the page obtains those keys. The keys are random: per data folder
 * (kept there), or per process.
 */
public final class DemoUsers {

    public static final Principal ANALYST = Principal.of("analyst", Roles.ANALYST);
    public static final Principal MARKETER = Principal.of("marketer", Roles.MARKETER);
    public static final Principal APPROVER = Principal.of("approver", Roles.APPROVER);
    private static final List<Principal> PEOPLE = List.of(ANALYST, MARKETER, APPROVER);
    private static final String SIGN_IN = "sign-in";

    private final List<DemoUser> users;
    private final String signInSecret;

    private DemoUsers(List<DemoUser> users, String signInSecret) {
        this.users = List.copyOf(users);
        this.signInSecret = Objects.requireNonNull(signInSecret, "signInSecret");
    }

    /** New random keys and sign-in secret. */
    public static DemoUsers random() {
        SecureRandom random = new SecureRandom();
        return new DemoUsers(PEOPLE.stream().map(p -> new DemoUser(p, p.id() + "-" + secret(random))).toList(),
                secret(random));
    }

    /**
     * Users and keys from a deployment's configuration (the Lambda handler's), with no sign-in link: the
     * deployment has no page of its own to sign in to.
     */
    public static DemoUsers configured(List<DemoUser> users) {
        if (users.isEmpty()) {
            throw new IllegalArgumentException("no users configured");
        }
        return new DemoUsers(users, "");
    }

    /** The principal of the demo user with this name ({@code analyst}, {@code marketer}, {@code approver}). */
    public static Optional<Principal> byName(String name) {
        return PEOPLE.stream().filter(p -> p.id().equals(name)).findFirst();
    }

    static Optional<DemoUsers> fromProperties(Properties p) {
        String secret = p.getProperty(SIGN_IN);
        List<DemoUser> users = PEOPLE.stream().filter(u -> p.getProperty(u.id()) != null)
                .map(u -> new DemoUser(u, p.getProperty(u.id()))).toList();
        if (secret == null || secret.length() < 16 || users.size() != PEOPLE.size()
                || users.stream().anyMatch(u -> u.apiKey().length() < 16)) {
            return Optional.empty();
        }
        return Optional.of(new DemoUsers(users, secret));
    }

    Properties toProperties() {
        Properties p = new Properties();
        p.setProperty(SIGN_IN, signInSecret);
        users.forEach(u -> p.setProperty(u.principal().id(), u.apiKey()));
        return p;
    }

    public List<DemoUser> all() {
        return users;
    }

    /** The secret of the sign-in link; empty when there is none. */
    public String signInSecret() {
        return signInSecret;
    }

    /** Whether {@code secret} is the sign-in secret, compared in constant time. */
    public boolean signsIn(String secret) {
        return !signInSecret.isEmpty() && MessageDigest.isEqual(signInSecret.getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8));
    }

    public Optional<Principal> byKey(String apiKey) {
        byte[] given = apiKey.getBytes(StandardCharsets.UTF_8);
        return users.stream().filter(u -> MessageDigest.isEqual(u.apiKey().getBytes(StandardCharsets.UTF_8), given))
                .map(DemoUser::principal).findFirst();
    }

    private static String secret(SecureRandom random) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
