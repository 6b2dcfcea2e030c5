package org.streamtls.tls;

import java.io.EOFException;

/** A server session that answers each line with "echo:" and the line, until the client's close_notify. */
final class EchoSession implements TestServer.Session {

    @Override
    public void serve(TlsConnection tls) throws Exception {
        while (true) {
            String line;
            try {
                line = Lines.read(tls);
            } catch (EOFException closeNotify) {
                return;
            }
            Lines.send(tls, "echo:" + line);
        }
    }
}
