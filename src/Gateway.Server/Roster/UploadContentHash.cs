using System.Buffers.Binary;
using System.Security.Cryptography;
using Google.Protobuf;

namespace Gateway.Server.Roster;

/// <summary>
/// SHA-256 over an upload's header and every record, each as its length-prefixed protobuf
/// encoding. Batch boundaries are not part of the hash, so the same records sent in other batch
/// sizes hash alike.
/// </summary>
/// <remarks>
/// Note: the C# protobuf runtime writes fields in field-number order and the roster messages have
/// no map fields, so equal messages encode to equal bytes. Unknown fields sent by a newer client
/// are part of the encoding.
/// </remarks>
internal sealed class UploadContentHash : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public void Append(IMessage message)
    {
        Span<byte> length = stackalloc byte[4];
        var bytes = message.ToByteArray();
        BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
        _hash.AppendData(length);
        _hash.AppendData(bytes);
    }

    public string Finish() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public void Dispose() => _hash.Dispose();
}
