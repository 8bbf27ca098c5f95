package io.promoagent.example.lambda;

import io.promoagent.example.server.Outbound;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/** Posts the endpoint's messages to one API Gateway WebSocket connection ({@code PostToConnection}). */
final class ManagementApiOutbound implements Outbound {

    private final ApiGatewayManagementApiClient client;
    private final String connectionId;
    private boolean gone;

    ManagementApiOutbound(ApiGatewayManagementApiClient client, String connectionId) {
        this.client = Objects.requireNonNull(client, "client");
        this.connectionId = Objects.requireNonNull(connectionId, "connectionId");
    }

    @Override
    public void send(String json) {
        if (gone) {
            return;
        }
        try {
            client.postToConnection(b -> b.connectionId(connectionId).data(SdkBytes.fromUtf8String(json)));
        } catch (GoneException e) {
            // the client disconnected while its request ran: the rest of the answer has nowhere to go
            gone = true;
        }
    }

    /** Whether API Gateway said the connection no longer exists. */
    boolean gone() {
        return gone;
    }
}
