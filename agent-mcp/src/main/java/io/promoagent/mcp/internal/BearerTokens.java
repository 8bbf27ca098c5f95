package io.promoagent.mcp.internal;

import io.promoagent.core.security.Principal;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/**
 * Lets through only requests with a known bearer token, and marks each with the token's principal; every other
 * request gets 401 before the MCP transport sees it.
 */
final class BearerTokens implements Filter {

    private static final String PREFIX = "Bearer ";

    private final Map<String, Principal> tokens;

    BearerTokens(Map<String, Principal> tokens) {
        this.tokens = Map.copyOf(tokens);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        Optional<Principal> principal = principal(http.getHeader("Authorization"));
        if (principal.isEmpty()) {
            HttpServletResponse out = (HttpServletResponse) response;
            out.setHeader("WWW-Authenticate", "Bearer realm=\"promo-agent\"");
            out.sendError(HttpServletResponse.SC_UNAUTHORIZED, "a bearer token is required");
            return;
        }
        http.setAttribute(ToolBridge.PRINCIPAL, principal.get());
        chain.doFilter(request, response);
    }

    private Optional<Principal> principal(String header) {
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Optional.empty();
        }
        byte[] offered = header.substring(PREFIX.length()).trim().getBytes(StandardCharsets.UTF_8);
        Principal found = null;
        // compare with every token in constant time, so timing tells nothing about a near miss
        for (Map.Entry<String, Principal> e : tokens.entrySet()) {
            if (MessageDigest.isEqual(offered, e.getKey().getBytes(StandardCharsets.UTF_8))) {
                found = e.getValue();
            }
        }
        return Optional.ofNullable(found);
    }
}
