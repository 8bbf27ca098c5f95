package io.promoagent.spring;

import io.promoagent.core.query.ReadBudget;
import io.promoagent.core.query.ReadGuard;
import io.promoagent.core.query.ReadPricing;
import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * The {@code promo-agent.*} properties of the starter. Their descriptions come from the field comments
 * below (the configuration processor writes them into the starter's metadata); docs/spring-boot.md lists
 * them too.
 */
@ConfigurationProperties(prefix = "promo-agent")
public class PromoAgentProperties {

    /**
     * The data model, a YAML file as a Spring resource location: "classpath:shop-model.yaml" or
     * "file:/etc/shop/model.yaml". Without it (and without a DataModel bean) the starter configures nothing.
     */
    private Resource dataModel;

    private final Approvals approvals = new Approvals();
    private final Stores stores = new Stores();
    private final Tools tools = new Tools();
    private final Orchestrator orchestrator = new Orchestrator();
    private final Reads reads = new Reads();

    public Resource getDataModel() {
        return dataModel;
    }

    public void setDataModel(Resource dataModel) {
        this.dataModel = dataModel;
    }

    public Approvals getApprovals() {
        return approvals;
    }

    public Stores getStores() {
        return stores;
    }

    public Tools getTools() {
        return tools;
    }

    public Reads getReads() {
        return reads;
    }

    public Orchestrator getOrchestrator() {
        return orchestrator;
    }

    /** Approvals: how approval tokens are signed. */
    public static class Approvals {

        /**
         * Base64 of at least 32 random bytes that signs approval tokens (openssl rand -base64 48). Every
         * instance that shares the approval store needs the same key. Without it the application does not
         * start, unless ephemeral-signing-key is true.
         */
        private String signingKey;

        /**
         * Sign with a random key made at start-up (a warning is logged) when no signing-key is set: for
         * development and tests only, since approvals do not survive a restart and no other instance can
         * check them.
         */
        private boolean ephemeralSigningKey;

        public String getSigningKey() {
            return signingKey;
        }

        public void setSigningKey(String signingKey) {
            this.signingKey = signingKey;
        }

        public boolean isEphemeralSigningKey() {
            return ephemeralSigningKey;
        }

        public void setEphemeralSigningKey(boolean ephemeralSigningKey) {
            this.ephemeralSigningKey = ephemeralSigningKey;
        }
    }

    /** Where approvals, the audit chain and conversations are kept. */
    public static class Stores {

        /** memory (the default: lost on restart, one instance only) or dynamodb (needs a DynamoDbClient bean). */
        private StoreKind kind = StoreKind.MEMORY;

        /** The DynamoDB table of approvals. */
        private String approvalsTable = "promo_agent_approvals";

        /** The DynamoDB table of the audit chain. */
        private String auditTable = "promo_agent_audit";

        /** The DynamoDB table of conversations. */
        private String sessionsTable = "promo_agent_sessions";

        /** How long DynamoDB keeps a conversation after its last message. */
        private Duration sessionTimeToLive = Duration.ofDays(7);

        /**
         * Create the three DynamoDB tables at start-up when they are missing: for development; production
         * tables come from infrastructure code.
         */
        private boolean createTables;

        public StoreKind getKind() {
            return kind;
        }

        public void setKind(StoreKind kind) {
            this.kind = kind;
        }

        public String getApprovalsTable() {
            return approvalsTable;
        }

        public void setApprovalsTable(String approvalsTable) {
            this.approvalsTable = approvalsTable;
        }

        public String getAuditTable() {
            return auditTable;
        }

        public void setAuditTable(String auditTable) {
            this.auditTable = auditTable;
        }

        public String getSessionsTable() {
            return sessionsTable;
        }

        public void setSessionsTable(String sessionsTable) {
            this.sessionsTable = sessionsTable;
        }

        public Duration getSessionTimeToLive() {
            return sessionTimeToLive;
        }

        public void setSessionTimeToLive(Duration sessionTimeToLive) {
            this.sessionTimeToLive = sessionTimeToLive;
        }

        public boolean isCreateTables() {
            return createTables;
        }

        public void setCreateTables(boolean createTables) {
            this.createTables = createTables;
        }
    }

    /** The kinds of store for approvals, audit and conversations. */
    public enum StoreKind {
        MEMORY, DYNAMODB
    }

    /** Which tools the registry holds besides the application's Tool beans. */
    public static class Tools {

        /**
         * Add the tools listed for java.util.ServiceLoader on the class path (the query tool, the promotion
         * tools of agent-promotions when the data model fits them).
         */
        private boolean discover = true;

        public boolean isDiscover() {
            return discover;
        }

        public void setDiscover(boolean discover) {
            this.discover = discover;
        }
    }

    /** How requests are answered when the application has a LangChain4j ChatModel bean. */
    public static class Orchestrator {

        /**
         * With a ChatModel bean: true lets the offline planner answer what it is sure of and the model the
         * rest; false sends every request to the model. Without a ChatModel bean the offline planner answers
         * alone.
         */
        private boolean hybrid = true;

        public boolean isHybrid() {
            return hybrid;
        }

        public void setHybrid(boolean hybrid) {
            this.hybrid = hybrid;
        }
    }

    /**
     * The query tool's read budget: a read estimated over it waits for the person's confirmation
     * (docs/federation.md).
     */
    public static class Reads {

        /** The most DynamoDB read units one request's reads may be estimated to use. */
        private long budgetReadUnits = (long) ReadBudget.DEFAULTS.readUnits();

        /** The most records (items and rows) one request's reads may be estimated to examine. */
        private long budgetRows = ReadBudget.DEFAULTS.rowsScanned();

        /** A full scan of a DynamoDB table of more items than this always asks. */
        private long largeTableItems = ReadBudget.DEFAULTS.largeTableItems();

        /** The on-demand price of a million read request units, in USD (us-east-1's by default). */
        private BigDecimal pricePerMillionReadUnits = ReadPricing.defaults().perMillionReadUnits();

        /** How long a held read can be confirmed. */
        private Duration confirmationExpiry = ReadGuard.DEFAULT_EXPIRY;

        public long getBudgetReadUnits() {
            return budgetReadUnits;
        }

        public void setBudgetReadUnits(long budgetReadUnits) {
            this.budgetReadUnits = budgetReadUnits;
        }

        public long getBudgetRows() {
            return budgetRows;
        }

        public void setBudgetRows(long budgetRows) {
            this.budgetRows = budgetRows;
        }

        public long getLargeTableItems() {
            return largeTableItems;
        }

        public void setLargeTableItems(long largeTableItems) {
            this.largeTableItems = largeTableItems;
        }

        public BigDecimal getPricePerMillionReadUnits() {
            return pricePerMillionReadUnits;
        }

        public void setPricePerMillionReadUnits(BigDecimal pricePerMillionReadUnits) {
            this.pricePerMillionReadUnits = pricePerMillionReadUnits;
        }

        public Duration getConfirmationExpiry() {
            return confirmationExpiry;
        }

        public void setConfirmationExpiry(Duration confirmationExpiry) {
            this.confirmationExpiry = confirmationExpiry;
        }
    }
}
