package org.streamtls.tls;

import org.bouncycastle.tls.AlertDescription;

/**
 * A fatal TLS alert (RFC 8446 section 6) and which side sent it.
 *
 * @param description the alert's number, e.g. 42 for bad_certificate
 * @param fromPeer true when the peer sent it to us, false when we sent it to the peer
 */
public record TlsAlert(int description, boolean fromPeer) {

    /** The alert's RFC name, e.g. "certificate_expired". */
    public String name() {
        String name = AlertDescription.getName((short) description);
        return name == null ? "alert(" + description + ")" : name;
    }

    /** "certificate_expired received from the peer" or "… sent to the peer". */
    @Override
    public String toString() {
        return name() + (fromPeer ? " received from the peer" : " sent to the peer");
    }
}
