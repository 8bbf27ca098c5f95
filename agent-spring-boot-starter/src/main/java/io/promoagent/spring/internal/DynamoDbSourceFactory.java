package io.promoagent.spring.internal;

import io.promoagent.dynamodb.DynamoDbDataSource;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Source;
import io.promoagent.schema.source.DataSource;
import io.promoagent.spring.SourceFactory;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Serves the data model's {@code dynamodb} sources through the application's client. */
public final class DynamoDbSourceFactory implements SourceFactory {

    static final String KIND = "dynamodb";

    private final DynamoDbClient client;

    public DynamoDbSourceFactory(DynamoDbClient client) {
        this.client = client;
    }

    @Override
    public Optional<DataSource> create(Source source, DataModel model) {
        if (!KIND.equals(source.kind())) {
            return Optional.empty();
        }
        return Optional.of(DynamoDbDataSource.builder(client).id(source.id()).build());
    }
}
