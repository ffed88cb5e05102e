using System.Security.Cryptography;
using Gateway.Domain.Feed;

namespace Gateway.Domain.Tests.Feed;

public sealed class ResumeTokenCodecTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void Encode_ThenDecode_ReturnsPosition()
    {
        var codec = new ResumeTokenCodec(Key);

        var token = codec.Encode(new FeedPosition("19647330000000", 12_345));

        Assert.True(codec.TryDecode(token, out var position, out _));
        Assert.Equal(new FeedPosition("19647330000000", 12_345), position);
        Assert.DoesNotContain('+', token);
        Assert.DoesNotContain('/', token);
        Assert.DoesNotContain('=', token);
    }

    [Fact]
    public void Decode_ChangedByte_Rejected()
    {
        var codec = new ResumeTokenCodec(Key);
        var bytes = System.Buffers.Text.Base64Url.DecodeFromChars(codec.Encode(new FeedPosition("19647330000000", 7)));
        bytes[20] ^= 1;

        var accepted = codec.TryDecode(System.Buffers.Text.Base64Url.EncodeToString(bytes), out _, out var error);

        Assert.False(accepted);
        Assert.Contains("not issued", error);
    }

    [Fact]
    public void Decode_TokenOfOtherKey_Rejected()
    {
        var token = new ResumeTokenCodec(RandomNumberGenerator.GetBytes(32)).Encode(new FeedPosition("19647330000000", 7));

        Assert.False(new ResumeTokenCodec(Key).TryDecode(token, out _, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64 !")]
    [InlineData("AAAA")]
    public void Decode_Malformed_Rejected(string token)
    {
        Assert.False(new ResumeTokenCodec(Key).TryDecode(token, out _, out var error));
        Assert.Contains("malformed", error);
    }

    [Fact]
    public void Create_ShortKey_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ResumeTokenCodec(new byte[16]));
    }
}
