using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Server.Auth;

/// <summary>
/// Loads the token signing and encryption keys. Outside Development they must come from
/// configuration so that every replica signs and validates with the same keys; in Development
/// they are generated once and persisted under the data folder.
/// </summary>
internal static class GatewayKeys
{
    private const string SigningKeyFile = "signing-key.pem";
    private const string EncryptionKeyFile = "encryption-key.txt";

    public static (SecurityKey Signing, SecurityKey Encryption) Load(AuthOptions options, string dataDirectory, bool isDevelopment)
    {
        var signingPem = options.SigningKey;
        var encryptionBase64 = options.EncryptionKey;

        if (string.IsNullOrWhiteSpace(signingPem) || string.IsNullOrWhiteSpace(encryptionBase64))
        {
            if (!isDevelopment)
            {
                throw new InvalidOperationException(
                    "Auth:SigningKey and Auth:EncryptionKey are required outside the Development environment. " +
                    "Set Auth:SigningKey to a PEM ECDSA P-256 private key (openssl ecparam -name prime256v1 -genkey -noout) " +
                    "and Auth:EncryptionKey to base64 of 32 random bytes (openssl rand -base64 32), the same on every replica.");
            }

            var folder = Path.Combine(Path.GetFullPath(dataDirectory), "keys");
            Directory.CreateDirectory(folder);
            signingPem = string.IsNullOrWhiteSpace(signingPem) ? ReadOrCreate(Path.Combine(folder, SigningKeyFile), CreateSigningPem) : signingPem;
            encryptionBase64 = string.IsNullOrWhiteSpace(encryptionBase64)
                ? ReadOrCreate(Path.Combine(folder, EncryptionKeyFile), () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)))
                : encryptionBase64;
        }

        return (ParseSigningKey(signingPem), ParseEncryptionKey(encryptionBase64));
    }

    /// <summary>Creates a PEM-encoded ECDSA P-256 private key.</summary>
    public static string CreateSigningPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportECPrivateKeyPem();
    }

    private static SecurityKey ParseSigningKey(string pem)
    {
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
        }
        catch (ArgumentException exception)
        {
            ecdsa.Dispose();
            throw new InvalidOperationException("Auth:SigningKey is not a PEM-encoded ECDSA private key.", exception);
        }

        if (ecdsa.KeySize != 256)
        {
            ecdsa.Dispose();
            throw new InvalidOperationException($"Auth:SigningKey is a {ecdsa.KeySize}-bit ECDSA key; a P-256 key is required.");
        }

        return new ECDsaSecurityKey(ecdsa) { KeyId = KeyId(ecdsa) };
    }

    private static SecurityKey ParseEncryptionKey(string base64)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException exception)
        {
            throw new InvalidOperationException("Auth:EncryptionKey is not base64.", exception);
        }

        return bytes.Length == 32
            ? new SymmetricSecurityKey(bytes)
            : throw new InvalidOperationException($"Auth:EncryptionKey decodes to {bytes.Length} bytes; 32 are required.");
    }

    // A key id derived from the public key lets validators pick the right key after a rotation.
    private static string KeyId(ECDsa ecdsa) =>
        Convert.ToHexString(SHA256.HashData(ecdsa.ExportSubjectPublicKeyInfo()))[..16].ToLowerInvariant();

    private static string ReadOrCreate(string path, Func<string> create)
    {
        if (File.Exists(path))
        {
            return File.ReadAllText(path);
        }

        var value = create();
        File.WriteAllText(path, value);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return value;
    }
}
