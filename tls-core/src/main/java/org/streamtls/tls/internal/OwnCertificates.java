package org.streamtls.tls.internal;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateEntry;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.streamtls.certstore.Identity;

/**
 * Our own chain as BouncyCastle's certificate message, parsed once per identity and crypto and shared
 * by every handshake that presents it. BouncyCastle keeps the message in each connection's security
 * parameters for the connection's life: parsed per handshake, an idle server connection would hold
 * its own copy of the server's chain (about 2 KiB for one P-256 leaf).
 *
 * <p>Thread-safe. Identities are held weakly: an identity its store dropped (a reload) is
 * forgotten here too. The messages are immutable; BouncyCastle only encodes them.
 */
final class OwnCertificates {

    private static final Map<Identity, Parsed> CACHE = Collections.synchronizedMap(new WeakHashMap<>());

    /** One identity's chain for one crypto, in both versions' message forms. */
    private record Parsed(TlsCrypto crypto, TlsCertificate[] certificates, Certificate tls12, Certificate tls13) {
    }

    private OwnCertificates() {
    }

    /**
     * The certificate message presenting {@code identity}'s chain.
     *
     * @param requestContext the TLS 1.3 certificate_request_context (empty for a server)
     */
    static Certificate message(TlsCrypto crypto, Identity identity, boolean tls13, byte[] requestContext)
            throws IOException {
        Parsed parsed = CACHE.get(identity);
        if (parsed == null || parsed.crypto() != crypto) {
            parsed = parse(crypto, identity.chain());
            CACHE.put(identity, parsed);
        }
        if (!tls13) {
            return parsed.tls12();
        }
        if (requestContext == null || requestContext.length == 0) {
            return parsed.tls13();
        }
        return new Certificate(requestContext, entries(parsed.certificates()));
    }

    private static Parsed parse(TlsCrypto crypto, List<X509Certificate> chain) throws IOException {
        TlsCertificate[] certs = new TlsCertificate[chain.size()];
        for (int i = 0; i < certs.length; i++) {
            try {
                certs[i] = crypto.createCertificate(chain.get(i).getEncoded());
            } catch (CertificateEncodingException e) {
                throw new TlsFatalAlert(AlertDescription.internal_error, "own certificate cannot be encoded", e);
            }
        }
        return new Parsed(crypto, certs, new Certificate(certs),
                new Certificate(TlsUtils.EMPTY_BYTES, entries(certs)));
    }

    private static CertificateEntry[] entries(TlsCertificate[] certs) {
        CertificateEntry[] entries = new CertificateEntry[certs.length];
        for (int i = 0; i < certs.length; i++) {
            entries[i] = new CertificateEntry(certs[i], null);
        }
        return entries;
    }
}
