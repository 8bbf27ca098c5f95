package io.promoagent.example.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** {@code --layout}: the demo federated by default, everything in DynamoDB on request, and the start-up line saying which. */
class LayoutOptionTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new PromoAgentCli(Clock.fixed(Instant.parse("2026-06-30T10:00:00Z"), ZoneOffset.UTC)).run(args,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void askIsFederatedByDefaultAndSaysWhereTheDataIs() {
        assertThat(run("ask", "--customers", "60", "total revenue last month")).isZero();

        assertThat(err()).contains("loading the data into embedded DynamoDB Local and PostgreSQL",
                "promo-agent: data: customers and promotions in DynamoDB Local; orders in PostgreSQL (embedded)");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Revenue");
    }

    @Test
    void layoutDynamodbKeepsEverythingInDynamodb() {
        assertThat(run("ask", "--customers", "60", "--layout", "dynamodb", "total revenue last month")).isZero();

        assertThat(err()).contains("promo-agent: data: customers, orders and promotions in DynamoDB Local")
                .doesNotContain("PostgreSQL");
    }

    @Test
    void anUnknownLayoutIsAUsageError() {
        assertThat(run("ask", "--layout", "sqlite", "Show VIP customers")).isEqualTo(2);

        assertThat(err()).contains("--layout is federated or dynamodb, not 'sqlite'");
    }

    @Test
    void aLayoutDoesNotGoWithTheUsersOwnModel() {
        assertThat(run("ask", "--layout", "dynamodb", "--data-model", "m.yaml", "--data", "d", "Show books")).isEqualTo(2);

        assertThat(err()).contains("your own data model says where its entities live");
    }

    @Test
    void serveTellsOfTheOption() {
        assertThat(run("serve", "--help")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--layout federated|dynamodb");
    }
}
