package org.streamtls.samples.cli.internal;

import java.nio.file.Path;

import org.streamtls.certstore.CertificateStoreException;
import org.streamtls.certstore.TrustAnchors;

/** {@code --trust PEM|system}: the trust anchors of a command. */
public final class TrustOption {

    /** The value that names the JDK's trust store. */
    public static final String SYSTEM = "system";

    private TrustOption() {
    }

    /** The JDK's default anchors for "system", else every certificate of the PEM bundle. */
    public static TrustAnchors anchors(String value) throws CertificateStoreException {
        if (SYSTEM.equalsIgnoreCase(value)) {
            return TrustAnchors.jdkDefaults();
        }
        return TrustAnchors.pemBundle(Path.of(value));
    }

    /** For messages: "the system trust store" or "PEM bundle ca.pem". */
    public static String describe(String value) {
        return SYSTEM.equalsIgnoreCase(value) ? "the system trust store (the JDK's cacerts)" : "PEM bundle " + value;
    }
}
