package io.promoagent.spring;

import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Source;
import io.promoagent.schema.source.DataSource;
import java.util.Optional;

/**
 * Makes the {@link DataSource} for a source of the data model: the starter's extension point for kinds of
 * store. The starter registers one for {@code dynamodb} sources over the application's
 * {@code DynamoDbClient}; a bean of this type serves other kinds (a {@code jdbc} source over the
 * application's {@code javax.sql.DataSource}, for example). For each source the starter asks the factories
 * in bean order and takes the first answer; a {@link DataSource} bean with the source's id comes before
 * any factory. A source nothing serves stops the start-up.
 *
 * <p>A data source that is {@link AutoCloseable} is closed with the application context.
 */
@FunctionalInterface
public interface SourceFactory {

    /** The data source serving {@code source}, or empty when this factory does not serve its kind. */
    Optional<DataSource> create(Source source, DataModel model);
}
