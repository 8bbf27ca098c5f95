package io.promoagent.mcp;

import java.util.concurrent.CountDownLatch;

/** A process that serves a fresh {@link McpWorld} over stdio as the marketer, for the stdio client test. */
public final class StdioFixtureServer {

    private StdioFixtureServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        McpWorld world = new McpWorld();
        world.server().serveStdio(McpWorld.MIA);
        // the client ends this process when it is done
        new CountDownLatch(1).await();
    }
}
