using System.Buffers.Binary;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Gateway.Domain.Feed;

/// <summary>A position in one LEA's link feed: the last sequence number a watcher has passed.</summary>
public readonly record struct FeedPosition(string LeaCode, long Sequence);

/// <summary>
/// Encodes feed positions as opaque resume tokens and checks them. A token is base64url of
/// version (1 byte), LEA code (14 ASCII digits), sequence (8 bytes, big-endian) and the first 16
/// bytes of an HMAC-SHA256 over those 23 bytes. The signature stops a client from forging a
/// position or moving a token to another LEA.
/// </summary>
public sealed class ResumeTokenCodec
{
    private const byte Version = 1;
    private const int LeaLength = 14;
    private const int PayloadLength = 1 + LeaLength + 8;
    private const int MacLength = 16;

    private readonly byte[] _key;

    /// <param name="key">HMAC key of at least 32 bytes; every replica must use the same key.</param>
    public ResumeTokenCodec(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < 32)
        {
            throw new ArgumentException($"The resume token key has {key.Length} bytes; at least 32 are needed.", nameof(key));
        }

        _key = key.ToArray();
    }

    /// <summary>Encodes a position.</summary>
    public string Encode(FeedPosition position)
    {
        if (position.LeaCode.Length != LeaLength || position.Sequence < 0)
        {
            throw new ArgumentException("A feed position needs a 14-digit LEA code and a sequence of at least 0.", nameof(position));
        }

        Span<byte> token = stackalloc byte[PayloadLength + MacLength];
        token[0] = Version;
        Encoding.ASCII.GetBytes(position.LeaCode, token.Slice(1, LeaLength));
        BinaryPrimitives.WriteInt64BigEndian(token.Slice(1 + LeaLength, 8), position.Sequence);
        Sign(token[..PayloadLength], token[PayloadLength..]);
        return Base64UrlEncode(token);
    }

    /// <summary>
    /// Decodes a token. Returns false with a reason when it is malformed or its signature does not
    /// match; the LEA is not compared here.
    /// </summary>
    public bool TryDecode(string? token, out FeedPosition position, [NotNullWhen(false)] out string? error)
    {
        position = default;
        var bytes = Base64UrlDecode(token ?? "");
        if (bytes is null || bytes.Length != PayloadLength + MacLength || bytes[0] != Version)
        {
            error = "the resume token is malformed";
            return false;
        }

        Span<byte> expected = stackalloc byte[MacLength];
        Sign(bytes.AsSpan(0, PayloadLength), expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(PayloadLength, MacLength)))
        {
            error = "the resume token was not issued by this gateway";
            return false;
        }

        var lea = Encoding.ASCII.GetString(bytes, 1, LeaLength);
        var sequence = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(1 + LeaLength, 8));
        if (sequence < 0 || !lea.All(char.IsAsciiDigit))
        {
            error = "the resume token is malformed";
            return false;
        }

        position = new FeedPosition(lea, sequence);
        error = null;
        return true;
    }

    private void Sign(ReadOnlySpan<byte> payload, Span<byte> mac)
    {
        Span<byte> full = stackalloc byte[32];
        HMACSHA256.HashData(_key, payload, full);
        full[..MacLength].CopyTo(mac);
    }

    private static string Base64UrlEncode(ReadOnlySpan<byte> bytes) => Base64Url.EncodeToString(bytes);

    private static byte[]? Base64UrlDecode(string text)
    {
        if (text.Length == 0 || text.Length > 200)
        {
            return null;
        }

        try
        {
            return Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
