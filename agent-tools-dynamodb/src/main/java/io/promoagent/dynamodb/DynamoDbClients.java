package io.promoagent.dynamodb;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Builds DynamoDB clients whose retries suit throttling: the SDK's standard strategy with the attempts of
 * {@link RetrySettings}, a longer exponential back-off with jitter after throttling than after other
 * retryable errors, and no retry quota (the circuit breaker), so that a burst of throttling is ridden out
 * rather than failing fast. When the attempts are spent the data source raises a {@link ThrottledException}.
 *
 * <p>{@code DynamoDbClients.withRetries(DynamoDbClient.builder().region(Region.EU_WEST_1), RetrySettings.defaults()).build()}
 */
public final class DynamoDbClients {

    private DynamoDbClients() {
    }

    /** The retry strategy of {@code settings}. */
    public static StandardRetryStrategy retryStrategy(RetrySettings settings) {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(settings.maxAttempts())
                .backoffStrategy(BackoffStrategy.exponentialDelay(settings.baseDelay(), settings.maxDelay()))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(settings.throttlingBaseDelay(),
                        settings.maxDelay()))
                .circuitBreakerEnabled(false)
                .build();
    }

    /** {@code builder} with the retry strategy of {@code settings} and the Apache HTTP client. */
    public static DynamoDbClientBuilder withRetries(DynamoDbClientBuilder builder, RetrySettings settings) {
        return builder
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(retryStrategy(settings))
                        .build());
    }

    /** A client for the default region and credentials with {@link RetrySettings#defaults()}. */
    public static DynamoDbClient create() {
        return withRetries(DynamoDbClient.builder(), RetrySettings.defaults()).build();
    }
}
