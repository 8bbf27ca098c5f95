package io.promoagent.spring;

import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.DataModelYaml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.Resource;

/**
 * The data model from {@code promo-agent.data-model}. Kept apart from {@link PromoAgentAutoConfiguration},
 * which configures the rest only when a data model bean exists, this one's or the application's.
 */
@AutoConfiguration
@EnableConfigurationProperties(PromoAgentProperties.class)
public class PromoAgentDataModelAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "promo-agent", name = "data-model")
    public DataModel promoAgentDataModel(PromoAgentProperties properties) {
        Resource resource = properties.getDataModel();
        // read through Resource so that classpath:, file: and any other location Spring knows all work
        try (InputStream in = resource.getInputStream()) {
            return DataModelYaml.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource.getDescription());
        } catch (IOException e) {
            throw new PromoAgentConfigurationException("promo-agent.data-model: cannot read " + resource.getDescription(), e);
        }
    }
}
