package org.streamtls.bench.idle;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The client side of {@link IdleTransportMemory}, in a JVM of its own so that the server's heap
 * holds only the server's connections. {@code IdleClients port n}: opens {@code n} plain sockets to
 * 127.0.0.1:port, on each sends 5 bytes and reads their echo, prints {@code READY}, then holds
 * every connection open until its standard input ends or says anything. Not an API.
 */
public final class IdleClients {

    private IdleClients() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        int n = Integer.parseInt(args[1]);
        List<Socket> sockets = new ArrayList<>(n);
        byte[] hello = {23, 3, 3, 0, 0};
        byte[] echo = new byte[5];
        try {
            for (int i = 0; i < n; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
                s.setSoTimeout(30_000);
                s.getOutputStream().write(hello);
                new DataInputStream(s.getInputStream()).readFully(echo);
                sockets.add(s);
            }
            System.out.println("READY");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
