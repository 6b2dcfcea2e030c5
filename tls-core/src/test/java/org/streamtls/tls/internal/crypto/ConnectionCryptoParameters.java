package org.streamtls.tls.internal.crypto;

import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;

/**
 * Crypto parameters that present an established connection's security parameters as the
 * "handshake" ones, so a test can build a second record cipher for the same keys after the
 * handshake (BouncyCastle builds its ciphers during the handshake, from these same values).
 */
final class ConnectionCryptoParameters extends TlsCryptoParameters {

    private final TlsContext context;

    ConnectionCryptoParameters(TlsContext context) {
        super(context);
        this.context = context;
    }

    @Override
    public SecurityParameters getSecurityParametersHandshake() {
        return context.getSecurityParametersConnection();
    }
}
