package io.promoagent.example.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Drives {@code /agent} with many clients at once, each sending its requests one after another (a closed
 * loop), and checks that every reply comes back to the client that asked, under the id it asked with.
 * A warm-up round runs first and is not measured.
 */
public final class WsBenchmark {

    /**
     * What to run.
     *
     * @param endpoint the WebSocket endpoint, {@code ws://host:port/agent}
     * @param apiKey   the key every client signs in with
     * @param clients  connections open at once
     * @param requests measured requests per client
     * @param warmup   unmeasured requests per client before them
     * @param texts    the requests to ask, in turn
     * @param timeout  how long one phase may take before unanswered requests count as lost
     */
    public record Settings(URI endpoint, String apiKey, int clients, int requests, int warmup, List<String> texts,
                           Duration timeout) {
        public Settings {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(apiKey, "apiKey");
            if (clients < 1 || requests < 1 || warmup < 0) {
                throw new IllegalArgumentException("clients and requests must be at least 1, warmup at least 0");
            }
            texts = List.copyOf(texts);
            if (texts.isEmpty()) {
                throw new IllegalArgumentException("at least one request text is needed");
            }
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    /**
     * What a run measured; latencies in milliseconds.
     *
     * @param completed    measured requests answered to the right client
     * @param errorReplies answers that were errors (an error message, or a reply with an error block)
     * @param misrouted    messages that reached a client that did not ask, or under an id it was not waiting for
     * @param lost         measured requests never answered within the timeout
     * @param firstErrors  up to five error texts, to say what went wrong
     * @param slowest      the five requests with the highest median latency, slowest first
     */
    public record Result(int clients, int requestsPerClient, long completed, long errorReplies, long misrouted, long lost,
                         double seconds, double throughput, double p50Millis, double p90Millis, double p99Millis,
                         double maxMillis, List<String> firstErrors, List<RequestLatency> slowest) {

        /** Whether every request was answered, to the right client, without an error. */
        public boolean clean() {
            return misrouted == 0 && lost == 0 && errorReplies == 0;
        }

        public ObjectNode toJson() {
            ObjectNode n = ServerMessages.mapper().createObjectNode();
            n.put("clients", clients);
            n.put("requestsPerClient", requestsPerClient);
            n.put("completed", completed);
            n.put("errorReplies", errorReplies);
            n.put("misrouted", misrouted);
            n.put("lost", lost);
            n.put("seconds", round(seconds));
            n.put("throughputPerSecond", round(throughput));
            ObjectNode latency = n.putObject("latencyMillis");
            latency.put("p50", round(p50Millis));
            latency.put("p90", round(p90Millis));
            latency.put("p99", round(p99Millis));
            latency.put("max", round(maxMillis));
            firstErrors.forEach(n.putArray("firstErrors")::add);
            ArrayNode slow = n.putArray("slowest");
            for (RequestLatency r : slowest) {
                slow.addObject().put("text", r.text()).put("count", r.count()).put("p50", round(r.p50Millis()))
                        .put("p99", round(r.p99Millis()));
            }
            return n;
        }

        public String toText() {
            return String.format("%d clients x %d requests: %d answered in %.2f s = %.0f requests/s; latency p50 %.1f ms,"
                            + " p90 %.1f ms, p99 %.1f ms, max %.1f ms; %d error replies, %d misrouted, %d lost",
                    clients, requestsPerClient, completed, seconds, throughput, p50Millis, p90Millis, p99Millis, maxMillis,
                    errorReplies, misrouted, lost)
                    + slowest.stream().map(r -> String.format("%n  slow: p50 %6.1f ms, p99 %6.1f ms  %s", r.p50Millis(),
                    r.p99Millis(), r.text())).collect(java.util.stream.Collectors.joining());
        }

        private static double round(double v) {
            return Math.round(v * 10) / 10.0;
        }
    }

    /** The latency of one request text across all clients, in milliseconds. */
    public record RequestLatency(String text, int count, double p50Millis, double p99Millis) {
    }

    private WsBenchmark() {
    }

    public static Result run(Settings settings) throws InterruptedException {
        return run(settings, n -> { });
    }

    /** Runs the benchmark, telling {@code answered} how many measured requests were answered, a few times a second. */
    public static Result run(Settings settings, LongConsumer answered) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService senders = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "bench-sender");
            t.setDaemon(true);
            return t;
        });
        Stats stats = new Stats();
        List<Client> clients = new ArrayList<>();
        try {
            URI uri = settings.endpoint();
            CountDownLatch signedIn = new CountDownLatch(settings.clients());
            for (int c = 0; c < settings.clients(); c++) {
                clients.add(new Client(c, settings, stats, senders, signedIn, http, uri));
            }
            if (!signedIn.await(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("not every client could sign in within " + settings.timeout());
            }
            if (settings.warmup() > 0) {
                phase(clients, settings.warmup(), false, settings.timeout(), () -> { });
            }
            long start = System.nanoTime();
            phase(clients, settings.requests(), true, settings.timeout(), () -> answered.accept(stats.latencies.size()));
            answered.accept(stats.latencies.size());
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] latencies = stats.latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            long expected = (long) settings.clients() * settings.requests();
            long completed = latencies.length;
            return new Result(settings.clients(), settings.requests(), completed, stats.errors.get(), stats.misrouted.get(),
                    expected - completed, seconds, completed / seconds, percentile(latencies, 50), percentile(latencies, 90),
                    percentile(latencies, 99), latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6,
                    List.copyOf(stats.firstErrors), slowest(stats));
        } finally {
            clients.forEach(Client::close);
            senders.shutdownNow();
        }
    }

    private static void phase(List<Client> clients, int requests, boolean measured, Duration timeout, Runnable tick)
            throws InterruptedException {
        CountDownLatch done = new CountDownLatch(clients.size());
        clients.forEach(c -> c.begin(requests, measured, done));
        long deadline = System.nanoTime() + timeout.toNanos();
        // a quarter of a second at a time, so that whoever waits sees the requests being answered
        while (!done.await(250, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline) {
            tick.run();
        }
        clients.forEach(Client::abandon);
    }

    private static List<RequestLatency> slowest(Stats stats) {
        List<RequestLatency> all = new ArrayList<>();
        stats.byText.forEach((text, nanos) -> {
            long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            all.add(new RequestLatency(text, sorted.length, percentile(sorted, 50), percentile(sorted, 99)));
        });
        all.sort(java.util.Comparator.comparingDouble(RequestLatency::p50Millis).reversed());
        return List.copyOf(all.subList(0, Math.min(5, all.size())));
    }

    /** The nearest-rank percentile, in milliseconds. */
    static double percentile(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sortedNanos.length);
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank - 1))] / 1e6;
    }

    private static final class Stats {
        final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        final java.util.concurrent.ConcurrentHashMap<String, ConcurrentLinkedQueue<Long>> byText = new java.util.concurrent.ConcurrentHashMap<>();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong misrouted = new AtomicLong();
        final ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();

        void error(String what) {
            errors.incrementAndGet();
            if (firstErrors.size() < 5) {
                firstErrors.add(what);
            }
        }
    }

    /** One connection asking its requests one after another. */
    private static final class Client {
        private final int number;
        private final Settings settings;
        private final Stats stats;
        private final ExecutorService senders;
        private final AgentSocket socket;
        private final String prefix;
        private int total;
        private int sent;
        private boolean measured;
        private CountDownLatch done;
        private String waitingFor;
        private long sentAt;
        private String askedText;

        Client(int number, Settings settings, Stats stats, ExecutorService senders, CountDownLatch signedIn, HttpClient http, URI uri) {
            this.number = number;
            this.settings = settings;
            this.stats = stats;
            this.senders = senders;
            this.prefix = "c" + number + "-";
            this.socket = AgentSocket.connectRaw(http, uri, Map.of("Authorization", "Bearer " + settings.apiKey()),
                    text -> receive(MessageGist.read(text), signedIn));
        }

        synchronized void begin(int requests, boolean measuredPhase, CountDownLatch phaseDone) {
            this.total = sent + requests;
            this.measured = measuredPhase;
            this.done = phaseDone;
            sendNext();
        }

        /** Ends a phase that timed out: whatever is still awaited is lost. */
        synchronized void abandon() {
            waitingFor = null;
        }

        private void receive(MessageGist m, CountDownLatch signedIn) {
            String type = m.type();
            if (type.equals("authenticated")) {
                signedIn.countDown();
                return;
            }
            if (type.equals("welcome") || type.equals("session")) {
                return;
            }
            String id = m.id();
            if (!id.startsWith(prefix)) {
                stats.misrouted.incrementAndGet();
                return;
            }
            if (type.equals("progress")) {
                return;
            }
            long now = System.nanoTime();
            synchronized (this) {
                if (!id.equals(waitingFor)) {
                    stats.misrouted.incrementAndGet();
                    return;
                }
                waitingFor = null;
                if (measured) {
                    stats.latencies.add(now - sentAt);
                    stats.byText.computeIfAbsent(askedText, t -> new ConcurrentLinkedQueue<>()).add(now - sentAt);
                }
                m.error().ifPresent(error -> stats.error(askedText + ": " + error));
                if (sent < total) {
                    senders.execute(this::sendNextLocked);
                } else {
                    done.countDown();
                }
            }
        }

        private synchronized void sendNextLocked() {
            sendNext();
        }

        private void sendNext() {
            if (sent >= total) {
                done.countDown();
                return;
            }
            List<String> texts = settings.texts();
            askedText = texts.get((number * 7 + sent) % texts.size());
            waitingFor = prefix + sent;
            sent++;
            ObjectNode ask = ServerMessages.mapper().createObjectNode();
            ask.put("type", "ask").put("id", waitingFor).put("text", askedText);
            sentAt = System.nanoTime();
            socket.send(ask);
        }

        void close() {
            socket.close();
        }
    }
}
