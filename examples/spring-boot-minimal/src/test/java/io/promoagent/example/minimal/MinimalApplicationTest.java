package io.promoagent.example.minimal;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.core.reply.ReplyJson;
import io.promoagent.schema.model.DataModelYaml;
import io.promoagent.test.DataFixture;
import io.promoagent.test.DynamoDbFixture;
import io.promoagent.test.ReplyAssert;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.bean.override.convention.TestBean;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Starts the application on a random port over DynamoDB Local in this process, loaded with six books, and
 * asks one question over HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "promo-agent.approvals.signing-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVm")
class MinimalApplicationTest {

    static final DynamoDbFixture DYNAMO = DynamoDbFixture.startLocal(DataFixture.loadResources(
            DataModelYaml.loadResource(MinimalApplicationTest.class, "/books-model.yaml"), MinimalApplicationTest.class, "/books"));

    /** Replaces the application's client, which would go to AWS, with DynamoDB Local's. */
    @TestBean
    DynamoDbClient dynamoDbClient;

    static DynamoDbClient dynamoDbClient() {
        return DYNAMO.client();
    }

    @LocalServerPort
    int port;

    @AfterAll
    static void stopDynamoDb() {
        DYNAMO.close();
    }

    @Test
    void answersAQuestionOverHttp() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/ask"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"Show the science books\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        ReplyAssert.assertThat(ReplyJson.read(response.body())).hasNoErrors().hasTable("books").withRowCount(3);
    }
}
