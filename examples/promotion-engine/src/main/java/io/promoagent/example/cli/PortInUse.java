package io.promoagent.example.cli;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Optional;

/**
 * Whether {@code serve} can listen where it is asked to, found out before it spends a minute loading data:
 * a port another process listens on is a foreseeable condition, said in one line with what to do.
 */
final class PortInUse {

    private PortInUse() {
    }

    /** Why nothing can listen on {@code host:port}, in one line saying what to do; empty when something can. */
    static Optional<String> check(String host, int port) {
        if (port == 0) {
            return Optional.empty();
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            return Optional.of("cannot listen on " + host + ":" + port + ": no such host; give an address of this"
                    + " machine with --host");
        }
        try (ServerSocket socket = new ServerSocket()) {
            // the server binds with SO_REUSEADDR too, so a port in TIME_WAIT is not taken for busy
            socket.setReuseAddress(true);
            socket.bind(address);
            return Optional.empty();
        } catch (BindException e) {
            return Optional.of(String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("in use")
                    ? message(host, port) : "cannot listen on " + host + ":" + port + ": " + e.getMessage()
                    + "; choose another address with --host or port with --port");
        } catch (IOException | SecurityException e) {
            return Optional.of("cannot listen on " + host + ":" + port + ": " + e.getMessage());
        }
    }

    static String message(String host, int port) {
        return "cannot listen on " + host + ":" + port + ": the port is in use (another promo-agent serve?);"
                + " choose another with --port N, or --port 0 for any free port";
    }

    /** A foreseeable reason {@code serve} cannot start, printed as one line with exit code 1. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }
}
