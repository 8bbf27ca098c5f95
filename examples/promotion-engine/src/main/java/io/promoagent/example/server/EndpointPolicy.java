package io.promoagent.example.server;

import java.net.URI;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which web pages may talk to the server, and by which names it may be reached. A browser sends
 * {@code Origin} with every WebSocket upgrade and every cross-site request: a request whose origin is
 * neither the server's own (the {@code Host} it was reached at) nor one of {@code allowedOrigins} is
 * refused, so another site's page cannot drive the agent with a visitor's browser. A request whose
 * {@code Host} is not one of {@code allowedHosts} is refused too, so a site cannot make its own name
 * point at this server (DNS rebinding) and so become "the same origin". A request without
 * {@code Origin} does not come from a page (the command line, a script) and is not refused for that.
 *
 * @param allowedOrigins other pages allowed in, as {@code scheme://host[:port]}
 * @param allowedHosts   host names the server answers to, beside {@code localhost}, {@code 127.0.0.1}
 *                       and {@code [::1]}
 */
public record EndpointPolicy(Set<String> allowedOrigins, Set<String> allowedHosts) {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    public EndpointPolicy {
        allowedOrigins = allowedOrigins.stream().map(EndpointPolicy::origin).collect(Collectors.toUnmodifiableSet());
        Set<String> hosts = new HashSet<>(LOOPBACK);
        allowedHosts.forEach(h -> hosts.add(h.toLowerCase(Locale.ROOT)));
        // a page allowed in may also name the server by its own host name
        allowedOrigins.forEach(o -> hosts.add(URI.create(o).getHost().toLowerCase(Locale.ROOT)));
        allowedHosts = Set.copyOf(hosts);
    }

    /** Same origin only, on the loopback names. */
    public static EndpointPolicy local() {
        return new EndpointPolicy(Set.of(), Set.of());
    }

    /**
     * The normal form of an origin: scheme, host and port, lower case.
     *
     * @throws IllegalArgumentException for something that is not an http(s) origin
     */
    public static String origin(String text) {
        URI uri;
        try {
            uri = URI.create(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an origin: '" + text + "' (use http://host:port)");
        }
        String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                || !(uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/"))
                || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("not an origin: '" + text + "' (use http://host:port, no path)");
        }
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    /** Why a request with these headers is refused; empty when it may go on. */
    Optional<String> refusal(String host, String originHeader) {
        if (host == null || host.isBlank()) {
            return Optional.of("a request must name the server in its Host header");
        }
        if (!allowedHosts.contains(hostName(host))) {
            return Optional.of("the server is not reached as '" + hostName(host) + "' (allowed: localhost, 127.0.0.1,"
                    + " [::1] and the names given with serve --allowed-host or --allowed-origin)");
        }
        if (originHeader == null) {
            return Optional.empty();
        }
        String origin = originHeader.strip().toLowerCase(Locale.ROOT);
        String self = host.strip().toLowerCase(Locale.ROOT);
        if (origin.equals("http://" + self) || origin.equals("https://" + self) || allowedOrigins.contains(origin)) {
            return Optional.empty();
        }
        return Optional.of("pages from " + originHeader + " may not use this server (allow them with serve --allowed-origin)");
    }

    /** The name part of a {@code Host} header: {@code localhost:8080} gives {@code localhost}, {@code [::1]:80} {@code [::1]}. */
    static String hostName(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.lastIndexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }
}
