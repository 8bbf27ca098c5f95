package io.promoagent.example.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.core.security.Principal;
import io.promoagent.core.security.Roles;
import io.promoagent.example.app.DemoUsers;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The function's configuration: its users and keys (no default, no weak key), the pages allowed to connect,
 * and the query cache (off unless QUERY_CACHE_SECONDS asks for it, since other instances write too).
 */
class LambdaEnvironmentTest {

    static final String KEY_A = "0123456789abcdef01234567";
    static final String KEY_B = "fedcba9876543210fedcba98";

    @Test
    void refuses_to_start_without_users_before_touching_aws() {
        assertThatThrownBy(() -> LambdaEnvironment.deployment(Map.of("SIGNING_KEY", "c2lnbmluZyBrZXkgb2YgMzIgYnl0ZXMgb3IgbW9yZSEhIQ==",
                "APPROVALS_TABLE", "a", "AUDIT_TABLE", "b", "SESSIONS_TABLE", "c", "CONNECTIONS_TABLE", "d")))
                .isInstanceOf(IllegalStateException.class).hasMessage("the environment variable USERS is not set");
        assertThatThrownBy(() -> LambdaEnvironment.users(Map.of("USERS", " ")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("USERS is not set");
    }

    @Test
    void reads_the_users_and_signs_in_with_their_keys_only() {
        DemoUsers users = LambdaEnvironment.users(Map.of("USERS", "alice:marketer:" + KEY_A + " , bob:approver:" + KEY_B));

        assertThat(users.byKey(KEY_A)).contains(Principal.of("alice", Roles.MARKETER));
        assertThat(users.byKey(KEY_B)).contains(Principal.of("bob", Roles.APPROVER));
        assertThat(users.byKey("approver-key")).isEmpty();
        assertThat(users.byKey(KEY_A.substring(1))).isEmpty();
        assertThat(users.signInSecret()).as("no sign-in link in a deployment").isEmpty();
    }

    @Test
    void refuses_a_weak_key_without_printing_it() {
        assertThatThrownBy(() -> LambdaEnvironment.users(Map.of("USERS", "alice:marketer:" + KEY_A + ",bob:approver:approver-key")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("USERS entry 2 (bob)").hasMessageContaining("at least 24")
                .message().doesNotContain("approver-key");
        assertThatThrownBy(() -> LambdaEnvironment.users(Map.of("USERS", "bob:approver:" + KEY_B.substring(1))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("23 characters");
    }

    @Test
    void refuses_a_malformed_entry_an_unknown_role_and_repeated_ids_or_keys() {
        assertThatThrownBy(() -> LambdaEnvironment.users(Map.of("USERS", KEY_A)))
                .isInstanceOf(IllegalStateException.class).hasMessage("USERS entry 1 is not id:role:key");
        assertThatThrownBy(() -> LambdaEnvironment.users(Map.of("USERS", "alice:boss:" + KEY_A)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("role 'boss'");
        assertThatThrownBy(() -> LambdaEnvironment.users(Map.of("USERS", "alice:marketer:" + KEY_A + ",alice:approver:" + KEY_B)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("the id alice is given twice");
        assertThatThrownBy(() -> LambdaEnvironment.users(Map.of("USERS", "alice:marketer:" + KEY_A + ",bob:approver:" + KEY_A)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("same key");
    }

    @Test
    void allows_no_page_unless_origins_are_given_in_normal_form() {
        assertThat(LambdaEnvironment.allowedOrigins(Map.of())).isEmpty();
        assertThat(LambdaEnvironment.allowedOrigins(Map.of("ALLOWED_ORIGINS", ""))).isEmpty();
        assertThat(LambdaEnvironment.allowedOrigins(Map.of("ALLOWED_ORIGINS", "https://App.Example.com, http://localhost:3000")))
                .containsExactlyInAnyOrder("https://app.example.com", "http://localhost:3000");
        assertThatThrownBy(() -> LambdaEnvironment.allowedOrigins(Map.of("ALLOWED_ORIGINS", "app.example.com/page")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ALLOWED_ORIGINS");
    }

    @Test
    void caches_nothing_when_the_variable_is_absent_or_blank() {
        assertThat(LambdaEnvironment.queryCache(Map.of())).isEqualTo(Duration.ZERO);
        assertThat(LambdaEnvironment.queryCache(Map.of("QUERY_CACHE_SECONDS", "  "))).isEqualTo(Duration.ZERO);
    }

    @Test
    void caches_for_the_seconds_given() {
        assertThat(LambdaEnvironment.queryCache(Map.of("QUERY_CACHE_SECONDS", "5"))).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void refuses_a_value_that_is_not_a_number_of_seconds() {
        assertThatThrownBy(() -> LambdaEnvironment.queryCache(Map.of("QUERY_CACHE_SECONDS", "-1")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("QUERY_CACHE_SECONDS");
        assertThatThrownBy(() -> LambdaEnvironment.queryCache(Map.of("QUERY_CACHE_SECONDS", "five")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'five'");
    }
}
