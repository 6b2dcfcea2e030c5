package org.streamtls.certstore.internal;

import java.security.Provider;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The BouncyCastle provider, used by instance: this module never registers it globally, so an
 * application's provider order stays as it set it. A registered "BC" provider is reused.
 */
public final class BcProvider {

    private BcProvider() {
    }

    private static final class Holder {
        static final Provider INSTANCE = create();

        private static Provider create() {
            Provider registered = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
            return registered != null ? registered : new BouncyCastleProvider();
        }
    }

    public static Provider get() {
        return Holder.INSTANCE;
    }
}
