package org.streamtls.tls.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.TlsFatalAlert;

/** Conversion of BouncyCastle's certificate messages to JCA certificates. */
final class Certificates {

    private Certificates() {
    }

    static List<X509Certificate> toX509(Certificate certificate) throws IOException {
        List<X509Certificate> chain = new ArrayList<>();
        if (certificate == null) {
            return chain;
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (int i = 0; i < certificate.getLength(); i++) {
                byte[] der = certificate.getCertificateAt(i).getEncoded();
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException e) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "peer certificate cannot be parsed: " + e.getMessage(), e);
        }
        return chain;
    }
}
