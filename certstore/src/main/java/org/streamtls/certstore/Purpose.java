package org.streamtls.certstore;

/** What a certificate is being trusted for: the extended key usage it must allow. */
public enum Purpose {
    /** TLS server authentication (id-kp-serverAuth). */
    SERVER,
    /** TLS client authentication (id-kp-clientAuth). */
    CLIENT
}
