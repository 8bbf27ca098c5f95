package io.promoagent.mcp;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The SDK's client over stdio, with the server in a process of its own as an MCP client starts it: anything
 * but protocol on its standard output would break the session.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpStdioServerTest extends McpClientContract {

    private McpSyncClient client;

    @BeforeAll
    void start() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ServerParameters server = ServerParameters.builder(java)
                .args("-cp", System.getProperty("java.class.path"), StdioFixtureServer.class.getName())
                .build();
        client = McpClient.sync(new StdioClientTransport(server, MAPPER)).jsonSchemaValidator(NO_OUTPUT_SCHEMAS)
                .requestTimeout(Duration.ofSeconds(30)).initializationTimeout(Duration.ofSeconds(60)).build();
        client.initialize();
    }

    @AfterAll
    void stop() {
        client.closeGracefully();
    }

    @Override
    McpSyncClient client() {
        return client;
    }
}
