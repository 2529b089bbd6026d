package io.stormsocket.ssl;

import java.io.IOException;
import java.io.StringWriter;
import java.security.PrivateKey;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/** Key encodings the tests need. The openssl interop test also reads a key that openssl encrypted. */
final class Keys {
    private Keys() {
    }

    /** {@return the key as PKCS#8 PEM encrypted with PBES2 (PBKDF2, AES-256-CBC)} */
    static String encryptedPkcs8Pem(PrivateKey key, char[] password) throws IOException, OperatorCreationException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(new JcaPKCS8Generator(key, new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                    .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).setPassword(password).build()));
        }
        return text.toString();
    }
}
