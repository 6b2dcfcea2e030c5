package org.streamtls.bench.compare;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/** Plain Java TCP sockets: no TLS at all, the ceiling for bulk throughput. */
final class PlainTcpContender implements Contender {

    static final String NAME = "plain TCP";

    private final AtomicLong accepted = new AtomicLong();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isTls() {
        return false;
    }

    @Override
    public ServerLoop listen(Scenario scenario, ThreadKind threads, ServerLoop.Work work) throws IOException {
        ServerSocket server = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress());
        return new ServerLoop(server, threads, socket -> {
            accepted.incrementAndGet();
            return new SocketEndpoint(socket, "plain");
        }, work);
    }

    @Override
    public Endpoint connect(int port, Scenario scenario) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(CLIENT_TIMEOUT_SECONDS * 1000);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            return new SocketEndpoint(socket, "plain");
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public long fullHandshakes() {
        return accepted.get();
    }

    /** A socket's own streams: plain TCP, or JSSE's SSLSocket. */
    static class SocketEndpoint implements Endpoint {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final String negotiated;

        SocketEndpoint(Socket socket, String negotiated) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
            this.negotiated = negotiated;
        }

        @Override
        public void write(byte[] data, int offset, int length) throws IOException {
            out.write(data, offset, length);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return in.read(buffer, offset, length);
        }

        @Override
        public String negotiated() {
            return negotiated;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
