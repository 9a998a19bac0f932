package io.scalewatch.azure.testing;

import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * TLS for loopback test servers. Azure's bearer-token policy refuses plain http, so the fake Logs Query, ARM, Graph
 * and Entra servers speak HTTPS with a key pair made at test time by the JDK's keytool (nothing secret is committed);
 * clients trust exactly that certificate.
 */
public final class LoopbackTls {
    private static final char[] PASSWORD = "loopback-test".toCharArray();
    private static LoopbackTls server;

    private final PrivateKey key;
    private final X509Certificate certificate;
    private final SSLContext context;

    private LoopbackTls(KeyStore store, String alias) throws GeneralSecurityException {
        this.key = (PrivateKey) store.getKey(alias, PASSWORD);
        this.certificate = (X509Certificate) store.getCertificate(alias);
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        this.context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
    }

    /** The loopback servers' TLS identity (CN=localhost, SAN 127.0.0.1), made once per JVM. */
    public static synchronized LoopbackTls server() {
        if (server == null) {
            server = generate("loopback", "CN=localhost", "SAN=ip:127.0.0.1,dns:localhost");
        }
        return server;
    }

    /** A fresh key pair and self-signed certificate (e.g. an app registration's client certificate). */
    public static LoopbackTls generate(String alias, String dname, String extension) {
        try {
            Path dir = Files.createTempDirectory("scalewatch-tls");
            Path file = dir.resolve(alias + ".p12");
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            List<String> command = new java.util.ArrayList<>(List.of(keytool.toString(), "-genkeypair", "-alias", alias,
                    "-keyalg", "RSA", "-keysize", "2048", "-validity", "3", "-dname", dname, "-storetype", "PKCS12",
                    "-keystore", file.toString(), "-storepass", new String(PASSWORD), "-keypass",
                    new String(PASSWORD)));
            if (!extension.isEmpty()) {
                command.add("-ext");
                command.add(extension);
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, PASSWORD);
            }
            Files.delete(file);
            Files.delete(dir);
            return new LoopbackTls(store, alias);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Server-side TLS context. */
    public SSLContext context() {
        return context;
    }

    /** The certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The private key. */
    public PrivateKey key() {
        return key;
    }

    /** Certificate and private key as one PEM text, the way {@code az ad sp create-for-rbac --create-cert} writes it. */
    public String pem() {
        try {
            Base64.Encoder lines = Base64.getMimeEncoder(64, "\n".getBytes());
            return "-----BEGIN PRIVATE KEY-----\n" + lines.encodeToString(key.getEncoded())
                    + "\n-----END PRIVATE KEY-----\n-----BEGIN CERTIFICATE-----\n"
                    + lines.encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An azure-core HTTP client (the module's Netty one) that trusts the loopback servers' certificate only. */
    public static HttpClient httpClient() {
        try {
            SslContext ssl = SslContextBuilder.forClient().trustManager(server().certificate()).build();
            return new NettyAsyncHttpClientBuilder(
                    reactor.netty.http.client.HttpClient.create().secure(spec -> spec.sslContext(ssl))).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
