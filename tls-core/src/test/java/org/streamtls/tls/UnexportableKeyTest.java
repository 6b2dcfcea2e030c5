package org.streamtls.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECParameterSpec;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.streamtls.certstore.Identity;

/**
 * A server key that cannot be exported, as a PKCS#11 token's or a Windows-MY key is
 * ({@code getEncoded()} is null): the handshake signs through the key's JCA provider, with every
 * backend built on BouncyCastle's crypto, in TLS 1.3 (CertificateVerify) and TLS 1.2
 * (ServerKeyExchange), and our client verifies the signature against the certificate.
 */
class UnexportableKeyTest {

    static Stream<Arguments> cases() {
        return Stream.of(TlsVersion.values()).flatMap(version -> Stream.of("EC", "RSA")
                .flatMap(key -> Stream.of("default", "bc").map(backend -> Arguments.of(version, key, backend))));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void signsThroughTheKeysProvider(TlsVersion version, String keyType, String backendName) throws Exception {
        Identity exportable = keyType.equals("RSA") ? Pki.SERVER_RSA : Pki.SERVER_EC;
        PrivateKey sealed = keyType.equals("RSA")
                ? new SealedRsaKey((RSAPrivateCrtKey) exportable.privateKey())
                : new SealedEcKey((ECPrivateKey) exportable.privateKey());
        assertNull(sealed.getEncoded());
        CryptoBackend backend = backendName.equals("bc") ? CryptoBackend.pureBouncyCastle()
                : CryptoBackend.defaultBackend();
        Identity identity = new Identity(exportable.chain(), sealed);
        try (TestServer server = TestServer.start(Pki.serverConfig(identity).cryptoBackend(backend).build(),
                tls -> Lines.send(tls, Lines.read(tls)))) {
            TlsClientConfig client = Pki.clientConfig().versions(Set.of(version)).build();
            try (TlsConnection tls = TlsClient.connect("localhost", server.port(), client)) {
                assertEquals(version, tls.session().version());
                Lines.send(tls, "signed by a sealed key");
                assertEquals("signed by a sealed key", Lines.read(tls));
            }
            server.assertServedOk();
        }
    }

    /** An EC key whose value the JCA can use but that will not export an encoding. */
    private static final class SealedEcKey implements ECPrivateKey {
        private final ECPrivateKey key;

        SealedEcKey(ECPrivateKey key) {
            this.key = key;
        }

        @Override
        public BigInteger getS() {
            return key.getS();
        }

        @Override
        public ECParameterSpec getParams() {
            return key.getParams();
        }

        @Override
        public String getAlgorithm() {
            return "EC";
        }

        @Override
        public String getFormat() {
            return null;
        }

        @Override
        public byte[] getEncoded() {
            return null;
        }
    }

    /** An RSA key whose values the JCA can use but that will not export an encoding. */
    private static final class SealedRsaKey implements RSAPrivateCrtKey {
        private final RSAPrivateCrtKey key;

        SealedRsaKey(RSAPrivateCrtKey key) {
            this.key = key;
        }

        @Override
        public BigInteger getPublicExponent() {
            return key.getPublicExponent();
        }

        @Override
        public BigInteger getPrimeP() {
            return key.getPrimeP();
        }

        @Override
        public BigInteger getPrimeQ() {
            return key.getPrimeQ();
        }

        @Override
        public BigInteger getPrimeExponentP() {
            return key.getPrimeExponentP();
        }

        @Override
        public BigInteger getPrimeExponentQ() {
            return key.getPrimeExponentQ();
        }

        @Override
        public BigInteger getCrtCoefficient() {
            return key.getCrtCoefficient();
        }

        @Override
        public BigInteger getPrivateExponent() {
            return key.getPrivateExponent();
        }

        @Override
        public BigInteger getModulus() {
            return key.getModulus();
        }

        @Override
        public String getAlgorithm() {
            return "RSA";
        }

        @Override
        public String getFormat() {
            return null;
        }

        @Override
        public byte[] getEncoded() {
            return null;
        }
    }
}
