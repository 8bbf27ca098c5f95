package io.promoagent.example.minimal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A Spring Boot service with the promo-agent starter: the application brings its DynamoDB client and the
 * data model's location (application.properties); the starter builds the rest, and {@link AskController}
 * passes questions to the orchestrator.
 */
@SpringBootApplication
public class MinimalApplication {

    public static void main(String[] args) {
        SpringApplication.run(MinimalApplication.class, args);
    }

    /** The application's client: region and credentials from the usual AWS settings of the environment. */
    @Bean
    DynamoDbClient dynamoDbClient() {
        return DynamoDbClient.create();
    }
}
