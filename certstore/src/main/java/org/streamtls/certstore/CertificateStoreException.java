package org.streamtls.certstore;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A certificate or key file (or key store) could not be used: missing, unreadable, protected by
 * another password, truncated, corrupt, or holding a key that does not belong to its certificate.
 *
 * <p>The message names the file and the problem in one sentence; it never contains key material or
 * passwords. {@link #problem()} tells the kind for programs, {@link #file()} the file concerned.
 *
 * <p>Immutable.
 */
public final class CertificateStoreException extends IOException {

    /** What went wrong, for programs; the message says it for people. */
    public enum Problem {
        /** The file or folder does not exist. */
        NOT_FOUND,
        /** The file exists but could not be read (permissions, I/O error). */
        UNREADABLE,
        /** The password is wrong, or a password is needed and none was given. */
        WRONG_PASSWORD,
        /** The content is truncated, corrupt, or not in the expected format. */
        CORRUPT,
        /** No certificate was found where one was expected. */
        MISSING_CERTIFICATE,
        /** No private key was found where one was expected. */
        MISSING_KEY,
        /** The private key does not belong to the certificate's public key. */
        KEY_MISMATCH,
        /** The key store type, provider or algorithm is not available in this runtime. */
        UNSUPPORTED
    }

    private final Problem problem;
    private final transient Path file;

    /**
     * @param problem the kind of failure
     * @param file the file concerned, or null when there is none (a provider's key store)
     * @param message a sentence naming the file and the problem, without key material
     * @param cause the underlying failure, or null
     */
    public CertificateStoreException(Problem problem, Path file, String message, Throwable cause) {
        super(message, cause);
        this.problem = Objects.requireNonNull(problem, "problem");
        this.file = file;
    }

    public Problem problem() {
        return problem;
    }

    /** The file concerned, or null for a store without a file. */
    public Path file() {
        return file;
    }
}
