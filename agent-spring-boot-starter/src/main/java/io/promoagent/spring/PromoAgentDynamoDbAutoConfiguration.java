package io.promoagent.spring;

import io.promoagent.core.approval.ApprovalStore;
import io.promoagent.core.audit.AuditStore;
import io.promoagent.core.change.RecordWriter;
import io.promoagent.core.session.SessionStore;
import io.promoagent.dynamodb.DynamoDbDataSource;
import io.promoagent.dynamodb.DynamoDbRecordWriter;
import io.promoagent.dynamodb.store.DynamoDbApprovalStore;
import io.promoagent.dynamodb.store.DynamoDbAuditStore;
import io.promoagent.dynamodb.store.DynamoDbSessionStore;
import io.promoagent.schema.model.DataModel;
import io.promoagent.spring.internal.DynamoDbSourceFactory;
import java.util.HashSet;
import java.util.Set;
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
            PromoAgentProperties.Stores stores = properties.getStores();
            if (stores.isCreateTables() && missing(client, stores.getApprovalsTable())) {
                DynamoDbApprovalStore.createTable(client, stores.getApprovalsTable());
            }
            return new DynamoDbApprovalStore(client, stores.getApprovalsTable());
        }

        @Bean
        @ConditionalOnMissingBean
        AuditStore promoAgentAuditStore(DynamoDbClient client, PromoAgentProperties properties) {
            PromoAgentProperties.Stores stores = properties.getStores();
            if (stores.isCreateTables() && missing(client, stores.getAuditTable())) {
                DynamoDbAuditStore.createTable(client, stores.getAuditTable());
            }
            return new DynamoDbAuditStore(client, stores.getAuditTable());
        }

        @Bean
        @ConditionalOnMissingBean
        SessionStore promoAgentSessionStore(DynamoDbClient client, PromoAgentProperties properties) {
            PromoAgentProperties.Stores stores = properties.getStores();
            if (stores.isCreateTables() && missing(client, stores.getSessionsTable())) {
                DynamoDbSessionStore.createTable(client, stores.getSessionsTable());
            }
            return new DynamoDbSessionStore(client, stores.getSessionsTable(), stores.getSessionTimeToLive());
        }

        private static boolean missing(DynamoDbClient client, String table) {
            Set<String> tables = new HashSet<>();
            client.listTablesPaginator().tableNames().forEach(tables::add);
            return !tables.contains(table);
        }
    }
}
