package io.promoagent.example.app;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A real {@code promo-agent serve} in a JVM of its own, for tests that kill it as a crash would, and the port it listens on. */
record ServeProcess(ChildJvm jvm, int port) {

    private static final Pattern SERVING = Pattern.compile("serving http://[^:]+:(\\d+)/");

    /** Starts {@code serve --port 0} with {@code arguments} after it in a new JVM given {@code jvmOptions}, and waits until it serves. */
    static ServeProcess start(List<String> jvmOptions, List<String> arguments) throws Exception {
        List<String> serve = new ArrayList<>(List.of("serve", "--port", "0"));
        serve.addAll(arguments);
        ChildJvm jvm = ChildJvm.start(jvmOptions, "io.promoagent.example.cli.PromoAgentCli", serve, SERVING);
        return new ServeProcess(jvm, Integer.parseInt(jvm.ready()));
    }

    Process process() {
        return jvm.process();
    }

    StringBuffer log() {
        return jvm.log();
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** SIGKILL, as a crash: no shutdown hook runs, nothing is flushed. */
    void kill() throws InterruptedException {
        jvm.kill();
    }
}
