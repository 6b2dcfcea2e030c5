package org.streamtls.transport.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.streamtls.transport.CancelledException;
import org.streamtls.transport.ConnectFailedException;
import org.streamtls.transport.ConnectionOptions;
import org.streamtls.transport.Deadline;
import org.streamtls.transport.ShutdownSignal;

/**
 * Connects to a host name: resolves it, then tries each address in the resolver's order, one at a
 * time, under one deadline (the connect timeout). Each address gets an equal share of the time
 * left, so one silent address cannot use up the time of the others. The shutdown signal closes
 * the socket being connected, which ends the attempt at once.
 */
public final class TcpConnector {

    private TcpConnector() {
    }

    public static SocketConnection connect(String host, int port, ConnectionOptions options) throws IOException {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must be a host name or address, was "
                    + (host == null ? "null" : "\"" + host + "\""));
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
        }
        ShutdownSignal signal = options.shutdownSignal().orElse(null);
        String target = host + " port " + port;
        Deadline deadline = Deadline.after(options.connectTimeout());
        checkSignal(signal, target);

        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            UnknownHostException clear = new UnknownHostException("cannot connect to " + target
                    + ": host name " + host + " could not be resolved (" + e.getMessage() + ")");
            clear.initCause(e);
            throw clear;
        }
        checkSignal(signal, target);

        List<IOException> failures = new ArrayList<>();
        StringBuilder reasons = new StringBuilder();
        for (int i = 0; i < addresses.length; i++) {
            InetSocketAddress address = new InetSocketAddress(addresses[i], port);
            long left = deadline.remainingMillis();
            if (left <= 0) {
                appendReason(reasons, address, "not tried, connect timeout of "
                        + TimeoutText.of(options.connectTimeout()) + " used up");
                continue;
            }
            long share = Math.max(1, left / (addresses.length - i));
            Socket socket = new Socket();
            ShutdownSignal.Registration registration =
                    signal == null ? null : signal.whenSignalled(() -> closeQuietly(socket));
            try {
                socket.connect(address, (int) Math.min(share, Integer.MAX_VALUE));
                if (registration != null) {
                    registration.close();
                    registration = null;
                }
                checkSignal(signal, target);
                return SocketConnection.open(socket, options);
            } catch (IOException e) {
                closeQuietly(socket);
                checkSignal(signal, target);
                String reason = e instanceof SocketTimeoutException
                        ? "timed out after " + TimeoutText.of(Duration.ofMillis(share))
                        : String.valueOf(e.getMessage());
                appendReason(reasons, address, reason);
                failures.add(e);
            } finally {
                if (registration != null) {
                    registration.close();
                }
            }
        }
        ConnectFailedException failed = new ConnectFailedException(host, port,
                "cannot connect to " + target + ": " + reasons);
        for (IOException e : failures) {
            failed.addSuppressed(e);
        }
        throw failed;
    }

    private static void appendReason(StringBuilder reasons, InetSocketAddress address, String reason) {
        if (reasons.length() > 0) {
            reasons.append("; ");
        }
        reasons.append(AddressText.of(address)).append(' ').append(reason);
    }

    private static void checkSignal(ShutdownSignal signal, String target) throws CancelledException {
        if (signal != null && signal.isSignalled()) {
            throw new CancelledException("connect to " + target);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing more to release.
        }
    }
}
