package org.streamtls.certstore.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.streamtls.certstore.CertificateStoreException;
import org.streamtls.certstore.CertificateStoreException.Problem;

/** Reads a store's file, turning I/O failures into {@link CertificateStoreException}s that name it. */
public final class StoreFiles {

    private StoreFiles() {
    }

    public static byte[] read(Path file) throws CertificateStoreException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CertificateStoreException(Problem.NOT_FOUND, file, "file not found: " + file, e);
        } catch (AccessDeniedException e) {
            throw new CertificateStoreException(Problem.UNREADABLE, file, "permission denied reading " + file, e);
        } catch (IOException e) {
            throw new CertificateStoreException(Problem.UNREADABLE, file,
                    "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A short description of a failure's root cause, for messages ("EOFException: ..."). */
    public static String rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return m == null ? root.getClass().getSimpleName() : m;
    }
}
