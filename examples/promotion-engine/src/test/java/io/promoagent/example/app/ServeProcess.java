package io.promoagent.example.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code promo-agent serve} in a JVM of its own, for tests that kill it as a crash would, the port it
 * listens on, and what it printed so far.
 */
record ServeProcess(Process process, int port, StringBuffer log) {

    private static final Pattern SERVING = Pattern.compile("serving http://[^:]+:(\\d+)/");

    /**
     * Starts {@code serve --port 0} with {@code arguments} after it in a new JVM given {@code jvmOptions}, and
     * waits until it serves.
     *
     * @throws AssertionError when it does not serve within 90 seconds, with what it printed
     */
    static ServeProcess start(List<String> jvmOptions, List<String> arguments) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, "io.promoagent.example.cli.PromoAgentCli", "serve", "--port", "0"));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuffer log = new StringBuffer();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    log.append(line).append('\n');
                    Matcher m = SERVING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException e) {
                // the process was killed
            }
            port.completeExceptionally(new AssertionError("serve ended without serving:\n" + log));
        }, "serve-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new ServeProcess(process, port.get(90, TimeUnit.SECONDS), log);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new AssertionError("serve did not start:\n" + log, e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** SIGKILL, as a crash: no shutdown hook runs, nothing is flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }
}
