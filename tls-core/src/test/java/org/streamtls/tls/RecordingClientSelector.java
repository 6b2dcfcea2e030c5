package org.streamtls.tls;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.security.auth.x500.X500Principal;
import org.streamtls.certstore.ClientCertificateRequest;
import org.streamtls.certstore.ClientCertificateSelector;
import org.streamtls.certstore.Identity;

/** A client certificate selector that remembers every request it was asked, then lets another choose. */
final class RecordingClientSelector implements ClientCertificateSelector {

    private final ClientCertificateSelector chooser;
    private final List<ClientCertificateRequest> requests = new CopyOnWriteArrayList<>();

    RecordingClientSelector(ClientCertificateSelector chooser) {
        this.chooser = chooser;
    }

    @Override
    public Optional<Identity> select(ClientCertificateRequest request) {
        requests.add(request);
        return chooser.select(request);
    }

    /** The issuers of the only request so far; fails unless exactly one request was made. */
    List<X500Principal> onlyIssuers() {
        if (requests.size() != 1) {
            throw new AssertionError("expected one certificate request, got " + requests);
        }
        return requests.get(0).acceptableIssuers();
    }
}
