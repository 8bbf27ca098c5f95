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
 * A main class of the test class path in a JVM of its own, for tests that kill it as a crash would: the
 * process, what it printed so far, and the first group of the line that said it was ready.
 */
record ChildJvm(Process process, StringBuffer log, String ready) {

    /**
     * Starts {@code mainClass} with {@code arguments} in a new JVM given {@code jvmOptions}, and waits until it
     * prints a line matching {@code ready}.
     *
     * @throws AssertionError when it does not within 90 seconds, with what it printed
     */
    static ChildJvm start(List<String> jvmOptions, String mainClass, List<String> arguments, Pattern ready) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, mainClass));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuffer log = new StringBuffer();
        CompletableFuture<String> readiness = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    log.append(line).append('\n');
                    Matcher m = ready.matcher(line);
                    if (m.find()) {
                        readiness.complete(m.groupCount() > 0 ? m.group(1) : line);
                    }
                }
            } catch (IOException e) {
                // the process was killed
            }
            readiness.completeExceptionally(new AssertionError(mainClass + " ended before it was ready:\n" + log));
        }, "child-jvm-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new ChildJvm(process, log, readiness.get(90, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            throw new AssertionError(mainClass + " did not get ready:\n" + log, e);
        }
    }

    /** SIGKILL, as a crash: no shutdown hook runs, nothing is flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }
}
