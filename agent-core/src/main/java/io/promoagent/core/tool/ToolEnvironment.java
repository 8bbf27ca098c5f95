package io.promoagent.core.tool;

import io.promoagent.schema.model.DataModel;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a host application offers {@link ToolProvider}s: the data model, a clock, and services looked up by
 * type (a {@code QueryEngine}, a mail transport).
 */
public final class ToolEnvironment {

    private final DataModel dataModel;
    private final Clock clock;
    private final Map<Class<?>, Object> services;

    private ToolEnvironment(Builder b) {
        this.dataModel = b.dataModel;
        this.clock = b.clock;
        this.services = Map.copyOf(b.services);
    }

    /** An environment with nothing in it but the UTC system clock. */
    public static ToolEnvironment empty() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<DataModel> dataModel() {
        return Optional.ofNullable(dataModel);
    }

    public Clock clock() {
        return clock;
    }

    /** The service registered under {@code type}. */
    public <T> Optional<T> service(Class<T> type) {
        return Optional.ofNullable(services.get(type)).map(type::cast);
    }

    /** Builds a {@link ToolEnvironment}. */
    public static final class Builder {
        private DataModel dataModel;
        private Clock clock = Clock.systemUTC();
        private final Map<Class<?>, Object> services = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder dataModel(DataModel model) {
            this.dataModel = model;
            return this;
        }

        public Builder clock(Clock newClock) {
            this.clock = Objects.requireNonNull(newClock, "clock");
            return this;
        }

        public <T> Builder service(Class<T> type, T service) {
            services.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(service, "service"));
            return this;
        }

        public ToolEnvironment build() {
            return new ToolEnvironment(this);
        }
    }
}
