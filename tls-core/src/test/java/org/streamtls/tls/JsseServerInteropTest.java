package org.streamtls.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.streamtls.certstore.Identity;

/** Our client against the JDK's own TLS server, a JSSE {@link SSLServerSocket}, TLS 1.2 and 1.3, EC and RSA. */
class JsseServerInteropTest {

    private static SSLServerSocket jsseServer(Identity identity, TlsVersion version) throws Exception {
        char[] password = "test".toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", identity.privateKey(), password, identity.chain().toArray(new Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
        server.setEnabledProtocols(new String[] {version.displayName()});
        return server;
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void ecAndRsaServers(TlsVersion version) throws Exception {
        for (Identity identity : new Identity[] {Pki.SERVER_EC, Pki.SERVER_RSA}) {
            try (SSLServerSocket server = jsseServer(identity, version)) {
                server.setSoTimeout(10_000);
                CompletableFuture<String> served = CompletableFuture.supplyAsync(() -> {
                    try (SSLSocket s = (SSLSocket) server.accept()) {
                        s.setSoTimeout(10_000);
                        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                                StandardCharsets.US_ASCII));
                        String line = in.readLine();
                        OutputStream out = s.getOutputStream();
                        out.write(("jsse:" + line + "\n").getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        return s.getSession().getProtocol() + " " + s.getSession().getCipherSuite();
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                });
                try (TlsConnection tls = TlsClient.connect("127.0.0.1", server.getLocalPort(),
                        Pki.clientConfig().serverName("localhost").versions(Set.of(version)).build())) {
                    assertEquals(version, tls.session().version());
                    assertEquals(identity.leaf(), tls.session().peerChain().get(0));
                    assertTrue(tls.session().peerTrusted());
                    Lines.send(tls, "hello jsse");
                    assertEquals("jsse:hello jsse", Lines.read(tls));
                }
                String jsseSaw = served.get(10, TimeUnit.SECONDS);
                assertTrue(jsseSaw.startsWith(version.displayName()), jsseSaw);
            }
        }
    }
}
