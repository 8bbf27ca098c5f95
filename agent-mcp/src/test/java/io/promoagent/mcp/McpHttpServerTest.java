package io.promoagent.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.promoagent.core.security.Principal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The SDK's client over streamable HTTP on localhost, against a server with a token per demo person. */
class McpHttpServerTest extends McpClientContract {

    static final String MIA_TOKEN = "mia-token-0123456789";
    static final String ADA_TOKEN = "ada-token-0123456789";
    static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";

    final McpWorld world = new McpWorld();
    final RunningMcpServer server = world.server().serveHttp(McpHttpAccess.builder()
            .token(MIA_TOKEN, McpWorld.MIA).token(ADA_TOKEN, McpWorld.ADA)
            .allowedOrigin("http://localhost:*").build());
    final URI endpoint = server.endpoint().orElseThrow();
    final List<McpSyncClient> clients = new ArrayList<>();
    private McpSyncClient marketer;

    @AfterEach
    void stop() {
        clients.forEach(McpSyncClient::closeGracefully);
        server.close();
        world.close();
    }

    @Override
    McpSyncClient client() {
        if (marketer == null) {
            marketer = connect(MIA_TOKEN);
        }
        return marketer;
    }

    McpSyncClient connect(String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder("http://" + endpoint.getHost() + ":" + endpoint.getPort())
                .endpoint(endpoint.getPath()).requestBuilder(request).jsonMapper(MAPPER).build();
        McpSyncClient client = McpClient.sync(transport).jsonSchemaValidator(NO_OUTPUT_SCHEMAS)
                .requestTimeout(Duration.ofSeconds(20)).build();
        clients.add(client);
        client.initialize();
        return client;
    }

    HttpResponse<String> post(String authorization, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(INITIALIZE));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anApproverAppliesTheProposalOutsideMcpAndThenAReadShowsThePromotion() throws Exception {
        JsonNode pending = structured(call(client(), "create_promotion", VIP_25));
        String approvalId = pending.get("approvalId").asText();
        String code = world.proposedCode(approvalId);
        assertThat(structured(call(client(), "query", codeIs(code))).get("count").asInt()).isZero();
        assertThat(world.store.writeCount()).isZero();

        world.approveAndApply(approvalId, McpWorld.ADA);

        JsonNode read = structured(call(client(), "query", codeIs(code)));
        assertThat(read.get("count").asInt()).isEqualTo(1);
        assertThat(read.at("/rows/0/code").asText()).isEqualTo(code);
    }

    @Test
    void theProposerCannotApproveTheirOwnProposal() throws Exception {
        String approvalId = structured(call(client(), "create_promotion", VIP_25)).get("approvalId").asText();

        assertThatThrownBy(() -> world.approveAndApply(approvalId, McpWorld.MIA)).isInstanceOf(RuntimeException.class);
        assertThat(world.store.writeCount()).isZero();
    }

    @Test
    void eachCallIsMadeAsTheTokensPrincipal() throws Exception {
        String approvalId = structured(call(client(), "create_promotion", VIP_25)).get("approvalId").asText();
        // the role policy lets approvers decide, not propose: the approver's token gets a refusal
        McpSyncClient approver = connect(ADA_TOKEN);
        McpSchema.CallToolResult refused = call(approver, "create_promotion", VIP_25);

        assertThat(world.approvals.record(approvalId).orElseThrow().changeSet().requester()).isEqualTo("mia");
        assertThat(refused.isError()).isTrue();
        assertThat(structured(refused).get("status").asText()).isEqualTo("denied");
        assertThat(world.approvals.list()).hasSize(1);
    }

    @Nested
    class Refusals {

        @Test
        void aClientWithoutATokenCannotEvenInitialise() {
            assertThatThrownBy(() -> connect(null)).isInstanceOf(RuntimeException.class);
        }

        @Test
        void aRequestWithoutATokenOrWithAnUnknownOneIsRefusedWith401() throws Exception {
            HttpResponse<String> none = post(null, null);
            HttpResponse<String> unknown = post("Bearer not-a-token", null);
            HttpResponse<String> basic = post("Basic " + MIA_TOKEN, null);

            assertThat(List.of(none.statusCode(), unknown.statusCode(), basic.statusCode())).containsOnly(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        }

        @Test
        void aForeignOriginIsRefusedEvenWithAValidToken() throws Exception {
            assertThat(post("Bearer " + MIA_TOKEN, "https://evil.example").statusCode()).isEqualTo(403);
            assertThat(post("Bearer " + MIA_TOKEN, "http://localhost:6274").statusCode()).isEqualTo(200);
            assertThat(post("Bearer " + MIA_TOKEN, null).statusCode()).isEqualTo(200);
        }

        @Test
        void aServerWithoutTokensDoesNotStart() {
            McpHttpAccess anonymous = McpHttpAccess.builder().build();

            assertThatThrownBy(() -> world.server().serveHttp(anonymous)).isInstanceOf(McpServerException.class)
                    .hasMessageContaining("bearer token");
        }

        @Test
        void anAnalystMayReadButNotPropose() throws Exception {
            RunningMcpServer analysts = world.server().serveHttp(McpHttpAccess.builder()
                    .token("analyst-token", Principal.of("ann", "analyst")).build());
            try {
                URI other = analysts.endpoint().orElseThrow();
                HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                        .builder("http://" + other.getHost() + ":" + other.getPort()).endpoint(other.getPath())
                        .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer analyst-token"))
                        .jsonMapper(MAPPER).build();
                McpSyncClient analyst = McpClient.sync(transport).jsonSchemaValidator(NO_OUTPUT_SCHEMAS).build();
                clients.add(analyst);
                analyst.initialize();

                assertThat(call(analyst, "query", ALL_PROMOTIONS).isError()).isFalse();
                assertThat(call(analyst, "create_promotion", VIP_25).isError()).isTrue();
                assertThat(world.approvals.list()).isEmpty();
            } finally {
                analysts.close();
            }
        }
    }
}
