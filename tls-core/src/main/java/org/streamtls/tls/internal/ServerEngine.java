package org.streamtls.tls.internal;

import java.io.IOException;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsNoCloseNotifyException;
import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.TlsContext;

/**
 * BouncyCastle's blocking TlsServerProtocol adapted to StreamTLS: it never closes the transport on
 * close_notify (so plaintext may follow), sends our close_notify only once, and serialises every
 * record it writes under one lock. After the handshake it reads whole records itself
 * ({@link RecordReader}) and hands each to BouncyCastle whole, to decode from that one buffer.
 */
final class ServerEngine extends TlsServerProtocol implements Engine, RecordSink {

    private final EngineState state;
    private final RecordReader records;

    ServerEngine(EngineState state) {
        super(state.input(), state.output);
        this.state = state;
        this.records = new RecordReader(state, this);
    }

    @Override
    public EngineState state() {
        return state;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        return records.readApplicationData(this, buffer, offset, length);
    }

    @Override
    public int checkHeader(byte[] header) throws IOException {
        return safePreviewRecordHeader(header).getRecordSize();
    }

    @Override
    public void processRecord(byte[] record, int offset, int length) throws IOException {
        if (!safeReadFullRecord(record, offset, length)) {
            TlsFatalAlert alert = new TlsFatalAlert(AlertDescription.internal_error, "not one whole record");
            handleException(alert.getAlertDescription(), "Failed to process record", alert);
            throw alert;
        }
    }

    /** Application data for a waiting reader goes straight to its array; the rest takes BouncyCastle's path. */
    @Override
    protected void processRecord(short contentType, byte[] buf, int off, int len) throws IOException {
        int taken = records.deliver(contentType, buf, off, len);
        if (taken == 0 || taken < len) {
            super.processRecord(contentType, buf, off + taken, len - taken);
        }
    }

    @Override
    public void readFailed(Throwable cause) throws IOException {
        handleException(AlertDescription.internal_error, "Failed to read record", cause);
    }

    @Override
    public void endOfStream() throws IOException {
        if (!getPeer().requiresCloseNotify()) {
            handleClose(false);
            return;
        }
        handleFailure();
        throw new TlsNoCloseNotifyException();
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
        state.lockedWarning(alertDescription, () -> super.raiseAlertWarning(alertDescription, message));
    }

    @Override
    protected void raiseAlertFatal(short alertDescription, String message, Throwable cause) throws IOException {
        state.locked(() -> super.raiseAlertFatal(alertDescription, message, cause));
    }

    @Override
    protected void safeWriteRecord(short type, byte[] buf, int offset, int len) throws IOException {
        state.locked(() -> super.safeWriteRecord(type, buf, offset, len));
    }

    @Override
    protected void send13KeyUpdate(boolean updateRequested) throws IOException {
        state.locked(() -> super.send13KeyUpdate(updateRequested));
    }
}
