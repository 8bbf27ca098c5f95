package io.promoagent.spring;

import io.promoagent.core.approval.ApprovalStore;
import io.promoagent.core.audit.AuditStore;
import io.promoagent.core.change.RecordWriter;
import io.promoagent.core.session.SessionStore;
import io.promoagent.dynamodb.DynamoDbDataSource;
import io.promoagent.dynamodb.store.DynamoDbRecordWriter;
import io.promoagent.dynamodb.store.DynamoDbApprovalStore;
import io.promoagent.dynamodb.store.DynamoDbAuditStore;
import io.promoagent.dynamodb.store.DynamoDbSessionStore;
import io.promoagent.schema.model.DataModel;
import io.promoagent.spring.internal.DynamoDbSourceFactory;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What the application's {@link DynamoDbClient} bean serves: the data model's {@code dynamodb} sources, the
 * writer of approved change sets, and with {@code promo-agent.stores.kind=dynamodb} the approval, audit and
 * conversation stores. Runs after Spring Cloud AWS, whose auto-configuration may make the client.
 */
@AutoConfiguration(after = PromoAgentDataModelAutoConfiguration.class, before = PromoAgentAutoConfiguration.class,
        afterName = "io.awspring.cloud.autoconfigure.dynamodb.DynamoDbAutoConfiguration")
@ConditionalOnClass({DynamoDbClient.class, DynamoDbDataSource.class})
@ConditionalOnBean({DynamoDbClient.class, DataModel.class})
public class PromoAgentDynamoDbAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "promoAgentDynamoDbSourceFactory")
    public SourceFactory promoAgentDynamoDbSourceFactory(DynamoDbClient client) {
        return new DynamoDbSourceFactory(client);
    }

    @Bean
    @ConditionalOnMissingBean
    public RecordWriter promoAgentRecordWriter(DynamoDbClient client, DataModel model) {
        return new DynamoDbRecordWriter(client, model);
    }

    /** The stores in DynamoDB, each replaceable by a bean of its type. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "promo-agent.stores", name = "kind", havingValue = "dynamodb")
    static class Stores {

        @Bean
        @ConditionalOnMissingBean
        ApprovalStore promoAgentApprovalStore(DynamoDbClient client, PromoAgentProperties properties) {
            String table = table(client, properties, PromoAgentProperties.Stores::getApprovalsTable, DynamoDbApprovalStore::createTable);
            return new DynamoDbApprovalStore(client, table);
        }

        @Bean
        @ConditionalOnMissingBean
        AuditStore promoAgentAuditStore(DynamoDbClient client, PromoAgentProperties properties) {
            String table = table(client, properties, PromoAgentProperties.Stores::getAuditTable, DynamoDbAuditStore::createTable);
            return new DynamoDbAuditStore(client, table);
        }

        @Bean
        @ConditionalOnMissingBean
        SessionStore promoAgentSessionStore(DynamoDbClient client, PromoAgentProperties properties) {
            String table = table(client, properties, PromoAgentProperties.Stores::getSessionsTable, DynamoDbSessionStore::createTable);
            return new DynamoDbSessionStore(client, table, properties.getStores().getSessionTimeToLive());
        }

        /** The store's table name, the table created first when create-tables asks for it and it is missing. */
        private static String table(DynamoDbClient client, PromoAgentProperties properties,
                                    Function<PromoAgentProperties.Stores, String> name, BiConsumer<DynamoDbClient, String> create) {
            String table = name.apply(properties.getStores());
            if (properties.getStores().isCreateTables() && missing(client, table)) {
                create.accept(client, table);
            }
            return table;
        }

        private static boolean missing(DynamoDbClient client, String table) {
            Set<String> tables = new HashSet<>();
            client.listTablesPaginator().tableNames().forEach(tables::add);
            return !tables.contains(table);
        }
    }
}
