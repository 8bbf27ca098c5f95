package io.promoagent.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendRateTest {

    @Test
    void spacesSendsByTheConfiguredRate() {
        long[] now = {0};
        List<Duration> waits = new ArrayList<>();
        SendRate rate = SendRate.forTest(10, d -> {
            waits.add(d);
            now[0] += d.toNanos();
        }, () -> now[0]);

        for (int i = 0; i < 5; i++) {
            rate.acquire();
        }

        assertThat(waits).hasSize(4).allSatisfy(d -> assertThat(d).isEqualTo(Duration.ofMillis(100)));
        assertThat(now[0]).isEqualTo(Duration.ofMillis(400).toNanos());
    }
}
