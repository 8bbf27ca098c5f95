package io.promoagent.spring;

import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.DataModelYaml;
import io.promoagent.test.DataFixture;
import io.promoagent.test.DynamoDbFixture;
import java.util.Base64;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The shop's five products in an in-process DynamoDB Local, and a context runner over the starter. */
final class ShopFixture {

    static final String MODEL_LOCATION = "classpath:io/promoagent/spring/shop-model.yaml";
    static final DataModel MODEL = DataModelYaml.loadResource(ShopFixture.class, "/io/promoagent/spring/shop-model.yaml");
    static final DataFixture DATA = DataFixture.loadResources(MODEL, ShopFixture.class, "/io/promoagent/spring/shop");
    static final String SIGNING_KEY = Base64.getEncoder().encodeToString(new byte[48]);

    private static DynamoDbFixture dynamo;

    private ShopFixture() {
    }

    /** One DynamoDB Local for the test run; started on first use, stopped with the JVM. */
    static synchronized DynamoDbClient dynamo() {
        if (dynamo == null) {
            dynamo = DynamoDbFixture.startLocal(DATA);
            Runtime.getRuntime().addShutdownHook(new Thread(dynamo::close));
        }
        return dynamo.client();
    }

    /** The starter's three auto-configurations, without any bean or property of an application. */
    static ApplicationContextRunner bare() {
        return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
                PromoAgentDataModelAutoConfiguration.class, PromoAgentDynamoDbAutoConfiguration.class,
                PromoAgentAutoConfiguration.class));
    }

    /**
     * An application with the shop's data model, a signing key and a DynamoDbClient bean. The client is
     * shared by every context, so none may close it (a bean that is AutoCloseable is closed otherwise).
     */
    static ApplicationContextRunner shop() {
        return bare().withPropertyValues("promo-agent.data-model=" + MODEL_LOCATION,
                        "promo-agent.approvals.signing-key=" + SIGNING_KEY)
                .withBean(DynamoDbClient.class, ShopFixture::dynamo, definition -> definition.setDestroyMethodName(""));
    }
}
