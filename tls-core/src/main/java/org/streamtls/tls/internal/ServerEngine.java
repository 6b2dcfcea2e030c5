package org.streamtls.tls.internal;

import java.io.IOException;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.TlsContext;

/**
 * BouncyCastle's blocking TlsServerProtocol adapted to StreamTLS: it never closes the transport on
 * close_notify (so plaintext may follow), sends our close_notify only once, and serialises every
 * record it writes under one lock.
 */
final class ServerEngine extends TlsServerProtocol implements Engine {

    private final EngineState state;

    ServerEngine(EngineState state) {
        super(state.transport.inputStream(), state.transport.outputStream());
        this.state = state;
    }

    @Override
    public EngineState state() {
        return state;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        return readApplicationData(buffer, offset, length);
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        writeApplicationData(data, offset, length);
    }

    @Override
    public int available() {
        return applicationDataAvailable();
    }

    @Override
    public void sendCloseNotify() throws IOException {
        raiseAlertWarning(AlertDescription.close_notify, "Connection closed");
    }

    @Override
    public void keyUpdate(boolean requestPeerUpdate) throws IOException {
        send13KeyUpdate(requestPeerUpdate);
    }

    @Override
    public TlsContext context() {
        return getContext();
    }

    @Override
    protected void closeConnection() {
        // Keep the TCP connection: after close_notify the caller may go on in plaintext.
        // TlsConnectionImpl closes it when the application closes.
    }

    @Override
    protected void handleFailure() throws IOException {
        try {
            super.handleFailure();
        } finally {
            state.onFailure();
        }
    }

    @Override
    protected void handleAlertWarningMessage(short alertDescription) throws IOException {
        if (alertDescription == AlertDescription.close_notify) {
            state.closeNotifyReceived = true;
        }
        super.handleAlertWarningMessage(alertDescription);
    }

    @Override
    protected void raiseAlertWarning(short alertDescription, String message) throws IOException {
        state.writeLock.lock();
        try {
            if (alertDescription == AlertDescription.close_notify) {
                if (state.closeNotifySent) {
                    return;
                }
                state.closeNotifySent = true;
            }
            super.raiseAlertWarning(alertDescription, message);
        } finally {
            state.writeLock.unlock();
        }
    }

    @Override
    protected void raiseAlertFatal(short alertDescription, String message, Throwable cause) throws IOException {
        state.writeLock.lock();
        try {
            super.raiseAlertFatal(alertDescription, message, cause);
        } finally {
            state.writeLock.unlock();
        }
    }

    @Override
    protected void safeWriteRecord(short type, byte[] buf, int offset, int len) throws IOException {
        state.writeLock.lock();
        try {
            super.safeWriteRecord(type, buf, offset, len);
        } finally {
            state.writeLock.unlock();
        }
    }

    @Override
    protected void send13KeyUpdate(boolean updateRequested) throws IOException {
        state.writeLock.lock();
        try {
            super.send13KeyUpdate(updateRequested);
        } finally {
            state.writeLock.unlock();
        }
    }
}
