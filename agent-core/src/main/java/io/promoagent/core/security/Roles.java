package io.promoagent.core.security;

/** The roles the library knows out of the box; applications may add their own to a {@code RolePolicy}. */
public final class Roles {

    /** Reads data. */
    public static final String ANALYST = "analyst";
    /** Reads data and proposes writes and sends. */
    public static final String MARKETER = "marketer";
    /** Reads data and approves or rejects what others proposed. */
    public static final String APPROVER = "approver";
    /** Everything. */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
