package io.promoagent.dynamodb;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently to retry: used for the SDK's retry strategy
 * ({@link DynamoDbClients#withRetries}) and for the batch items DynamoDB leaves unprocessed.
 *
 * @param maxAttempts         the most attempts of one request, the first included
 * @param baseDelay           the first back-off after an ordinary retryable error
 * @param throttlingBaseDelay the first back-off after throttling, longer so that capacity can recover
 * @param maxDelay            the longest back-off
 */
public record RetrySettings(int maxAttempts, Duration baseDelay, Duration throttlingBaseDelay, Duration maxDelay) {

    public RetrySettings {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
        }
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(throttlingBaseDelay, "throttlingBaseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
    }

    /** 8 attempts, back-off from 25 ms (50 ms when throttled) up to 5 s. */
    public static RetrySettings defaults() {
        return new RetrySettings(8, Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofSeconds(5));
    }

    /** The back-off before retry {@code attempt} (1 = the first retry) after throttling: exponential, full jitter. */
    public Duration throttlingDelay(int attempt) {
        long ceiling = Math.min(maxDelay.toMillis(), throttlingBaseDelay.toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, Math.max(ceiling, 1) + 1));
    }
}
