package org.streamtls.certstore.internal;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.streamtls.certstore.CertificateStoreException;
import org.streamtls.certstore.Identity;
import org.streamtls.certstore.ReloadingCertificateStore;

/** A {@link ReloadingCertificateStore} over a loader and a change stamp. */
public final class ReloadingStore implements ReloadingCertificateStore {

    private static final System.Logger LOG = System.getLogger("org.streamtls.certstore");

    /** What the store holds at one moment. */
    public record Contents(List<Identity> identities, List<X509Certificate> trusted) {
        public Contents {
            identities = List.copyOf(identities);
            trusted = List.copyOf(trusted);
        }
    }

    /** Reads the source. */
    @FunctionalInterface
    public interface Loader {
        Contents load() throws CertificateStoreException;
    }

    /** Something that changes when the source changes (modification times, sizes), or null if unknown. */
    @FunctionalInterface
    public interface Stamp {
        Object current();
    }

    private final String description;
    private final Loader loader;
    private final Stamp stamp;
    private volatile Contents contents;
    private volatile Object loadedStamp;
    private volatile Object failedStamp;
    private volatile CertificateStoreException lastFailure;

    /** Loads now: a first failure is thrown, there is nothing old to keep. */
    public ReloadingStore(String description, Loader loader, Stamp stamp) throws CertificateStoreException {
        this.description = description;
        this.loader = loader;
        this.stamp = stamp;
        Object s = stamp.current();
        this.contents = loader.load();
        this.loadedStamp = s;
    }

    @Override
    public List<Identity> identities() {
        checkForChange();
        return contents.identities();
    }

    @Override
    public List<X509Certificate> trustedCertificates() {
        checkForChange();
        return contents.trusted();
    }

    private void checkForChange() {
        Object s = stamp.current();
        if (s == null || s.equals(loadedStamp) || s.equals(failedStamp)) {
            return;
        }
        synchronized (this) {
            s = stamp.current();
            if (s.equals(loadedStamp) || s.equals(failedStamp)) {
                return;
            }
            try {
                load(s);
            } catch (CertificateStoreException e) {
                failedStamp = s;
            }
        }
    }

    @Override
    public synchronized void reload() throws CertificateStoreException {
        load(stamp.current());
    }

    private void load(Object s) throws CertificateStoreException {
        try {
            Contents c = loader.load();
            contents = c;
            loadedStamp = s;
            failedStamp = null;
            lastFailure = null;
            LOG.log(System.Logger.Level.INFO, "reloaded {0}: {1} identities, {2} trusted certificates",
                    description, c.identities().size(), c.trusted().size());
        } catch (CertificateStoreException e) {
            lastFailure = e;
            LOG.log(System.Logger.Level.WARNING, "{0} changed but cannot be used, keeping the {1} identities"
                    + " loaded before: {2}", description, contents.identities().size(), e.getMessage());
            throw e;
        }
    }

    @Override
    public Optional<CertificateStoreException> lastReloadFailure() {
        return Optional.ofNullable(lastFailure);
    }

    @Override
    public String toString() {
        return description;
    }
}
