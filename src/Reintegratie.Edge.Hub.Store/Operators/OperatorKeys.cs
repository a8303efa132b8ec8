using System.Security.Cryptography;
using System.Text;

namespace Reintegratie.Edge.Hub.Operators;

/// <summary>
/// An operator's own ECDSA P-256 command key. At rest the private half is an encrypted PKCS#8 PEM (PBES2: PBKDF2-SHA256
/// from the operator's password, <see cref="PasswordHasher.Iterations"/> iterations, AES-256-CBC; RFC 8018), so only the
/// operator's password unlocks it. At login it is unlocked once and sealed for the session: AES-256-GCM under a key
/// derived (HKDF-SHA256, RFC 5869) from the session cookie, which the database never holds (it keeps the cookie's
/// SHA-256), bound to the operator's name.
/// </summary>
public static class OperatorKeys
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private static readonly byte[] s_info = "reintegratie-hub operator signing key v1"u8.ToArray();

    /// <summary>A new key: the public half (base64 SubjectPublicKeyInfo) and the private half encrypted under <paramref name="password"/>.</summary>
    public static (string PublicKey, string EncryptedPrivateKey) Create(string password)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pbe = new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, PasswordHasher.Iterations);
        return (Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()), key.ExportEncryptedPkcs8PrivateKeyPem(password, pbe));
    }

    /// <summary>Decrypts the stored key with the password and seals it for the session <paramref name="token"/>.</summary>
    /// <exception cref="CryptographicException">The password does not open the key.</exception>
    public static byte[] SealForSession(string encryptedPrivateKey, string password, string token, string operatorName)
    {
        using var key = ECDsa.Create();
        key.ImportFromEncryptedPem(encryptedPrivateKey, password);
        var plain = key.ExportPkcs8PrivateKey();
        try
        {
            var sealedKey = new byte[NonceBytes + plain.Length + TagBytes];
            var nonce = sealedKey.AsSpan(0, NonceBytes);
            RandomNumberGenerator.Fill(nonce);
            using var aes = new AesGcm(SessionKey(token), TagBytes);
            aes.Encrypt(nonce, plain, sealedKey.AsSpan(NonceBytes, plain.Length), sealedKey.AsSpan(NonceBytes + plain.Length), Encoding.UTF8.GetBytes(operatorName));
            return sealedKey;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>The session's key, opened with the cookie <paramref name="token"/>; the caller disposes it.</summary>
    /// <exception cref="CryptographicException">Not sealed for this token and operator.</exception>
    public static ECDsa OpenForSession(byte[] sealedKey, string token, string operatorName)
    {
        if (sealedKey.Length <= NonceBytes + TagBytes)
        {
            throw new CryptographicException("the sealed session key is too short");
        }

        var length = sealedKey.Length - NonceBytes - TagBytes;
        var plain = new byte[length];
        try
        {
            using var aes = new AesGcm(SessionKey(token), TagBytes);
            aes.Decrypt(sealedKey.AsSpan(0, NonceBytes), sealedKey.AsSpan(NonceBytes, length), sealedKey.AsSpan(NonceBytes + length), plain, Encoding.UTF8.GetBytes(operatorName));
            var key = ECDsa.Create();
            key.ImportPkcs8PrivateKey(plain, out _);
            return key;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    private static byte[] SessionKey(string token) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(token), 32, salt: [], info: s_info);
}
