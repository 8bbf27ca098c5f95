package io.promoagent.example.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A second {@code serve} on a port already listened on says so in one line that suggests {@code --port},
 * exits with 1, and does it before loading any data: no stack trace, no framework log line.
 */
class ServeBusyPortTest {

    @Test
    void aBusyPortIsOneLineSuggestingPortAndExitCodeOneBeforeAnyDataIsLoaded() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            long started = System.nanoTime();
            int code = new PromoAgentCli(Clock.systemUTC(), Map.of()).run(new String[] {"serve", "--port",
                    Integer.toString(taken.getLocalPort()), "--customers", "20000"},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            long millis = (System.nanoTime() - started) / 1_000_000;

            String said = err.toString(StandardCharsets.UTF_8);
            assertThat(code).isEqualTo(PromoAgentCli.EXIT_FAILURE);
            assertThat(said.lines()).hasSize(1);
            assertThat(said).startsWith("promo-agent serve: cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .contains("in use").contains("--port").doesNotContain("Exception").doesNotContain("ERROR")
                    .doesNotContain("\tat ").doesNotContain("loading");
            assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
            // 20,000 customers take a minute to load; the refusal comes before
            assertThat(millis).isLessThan(10_000);
        }
    }

    @Test
    void aFreePortIsNotRefused() throws Exception {
        int free;
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            free = probe.getLocalPort();
        }
        assertThat(PortInUse.check("127.0.0.1", free)).isEmpty();
        assertThat(PortInUse.check("127.0.0.1", 0)).isEmpty();
    }

    @Test
    void anUnknownHostIsSaidAsSuchNotAsABusyPort() {
        assertThat(PortInUse.check("no-such-host.invalid", 8080)).get().asString().contains("--host").doesNotContain("in use");
    }
}
