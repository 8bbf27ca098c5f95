package io.promoagent.example.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.core.reply.ErrorBlock;
import io.promoagent.core.reply.MetricBlock;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.reply.ReplyJson;
import io.promoagent.core.reply.TableBlock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * One source of the federated demo goes away in the middle of a session: PostgreSQL is stopped, or DynamoDB
 * throttles every read. The reply is an error in plain words that names the source, never a table or a
 * figure made of what the other source returned; the first request after the source is back is answered.
 * One engine (over a data folder, so that PostgreSQL can come back on its own data) for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OneSourceDownTest {

    @TempDir
    static Path folder;

    private final AtomicBoolean throttled = new AtomicBoolean();
    private EmbeddedPostgresSources postgres;
    private PromotionEngine engine;

    @BeforeAll
    void start() {
        // no query cache: every request reads its sources
        EngineOptions options = EngineOptions.demo(42, 200, LocalDate.of(2026, 6, 30)).withDataDir(folder)
                .withQueryCache(Duration.ZERO);
        engine = EngineAssembly.assemble(options, new EngineAssembly.Seams(c -> new ThrottledWhenAsked(c, throttled),
                p -> postgres = p));
    }

    @AfterAll
    void stop() {
        engine.close();
    }

    private Reply ask(String text) {
        return engine.ask(DemoUsers.ANALYST, UUID.randomUUID().toString(), text, p -> { });
    }

    /** An error naming {@code source}, in words, and nothing presented as an answer. */
    private static void failsNaming(Reply reply, String source) {
        assertThat(reply.blocks(TableBlock.class)).as(ReplyJson.write(reply)).isEmpty();
        assertThat(reply.blocks(MetricBlock.class)).isEmpty();
        assertThat(reply.blocks(ErrorBlock.class)).singleElement().satisfies(e -> {
            assertThat(e.message()).contains(source).doesNotContain("{\"", "Exception", "SQLSTATE");
        });
        assertThat(reply.text()).contains(source).doesNotContain("{\"");
    }

    @Test
    void postgresqlStoppedMidSessionIsNamedAndTheFirstRequestAfterItIsBackIsAnswered() {
        assertThat(ask("average order value by channel").blocks(TableBlock.class)).hasSize(1);

        postgres.stopServer();
        try {
            failsNaming(ask("average order value by channel"), "PostgreSQL");
            failsNaming(ask("VIP customers with recent orders"), "PostgreSQL");
            failsNaming(ask("total revenue last month"), "PostgreSQL");
        } finally {
            postgres.restartServer();
        }

        assertThat(ask("VIP customers with recent orders").blocks(TableBlock.class)).singleElement()
                .satisfies(t -> assertThat(t.rows()).isNotEmpty());
        assertThat(ask("average order value by channel").blocks(ErrorBlock.class)).isEmpty();
    }

    @Test
    void dynamodbThrottlingIsNamedAndTheFirstRequestAfterItIsAnswered() {
        throttled.set(true);
        try {
            failsNaming(ask("Show VIP customers"), "DynamoDB");
            failsNaming(ask("VIP customers with recent orders"), "DynamoDB");
        } finally {
            throttled.set(false);
        }

        assertThat(ask("VIP customers with recent orders").blocks(TableBlock.class)).singleElement()
                .satisfies(t -> assertThat(t.rows()).isNotEmpty());
    }

    /** DynamoDB Local's client, whose reads fail as a table over its provisioned throughput does while asked to. */
    private record ThrottledWhenAsked(DynamoDbClient client, AtomicBoolean throttled) implements DynamoDbClient {

        private void check() {
            if (throttled.get()) {
                throw (ProvisionedThroughputExceededException) ProvisionedThroughputExceededException.builder()
                        .statusCode(400)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException")
                                .errorMessage("The level of configured provisioned throughput for the table was exceeded.")
                                .serviceName("DynamoDb").build())
                        .build();
            }
        }

        @Override
        public QueryResponse query(QueryRequest request) {
            check();
            return client.query(request);
        }

        @Override
        public ScanResponse scan(ScanRequest request) {
            check();
            return client.scan(request);
        }

        @Override
        public GetItemResponse getItem(GetItemRequest request) {
            check();
            return client.getItem(request);
        }

        @Override
        public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
            check();
            return client.batchGetItem(request);
        }

        @Override
        public software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse describeTable(
                software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest request) {
            return client.describeTable(request);
        }

        @Override
        public String serviceName() {
            return client.serviceName();
        }

        @Override
        public void close() {
            // the engine's DynamoDB Local owns the client
        }
    }
}
