using Gateway.Domain;
using Gateway.Domain.Roster;

namespace Gateway.Domain.Tests;

public sealed class LanguageCodesTests
{
    private readonly LanguageCodes _codes = new(new LanguageOptions());

    [Theory]
    [InlineData("00", VideoLanguage.English)]
    [InlineData("01", VideoLanguage.Spanish)]
    [InlineData("02", VideoLanguage.Vietnamese)]
    [InlineData("05", VideoLanguage.Filipino)]
    [InlineData("07", VideoLanguage.Mandarin)]
    [InlineData("ENG", VideoLanguage.English)]
    [InlineData("SPA", VideoLanguage.Spanish)]
    [InlineData("VIE", VideoLanguage.Vietnamese)]
    [InlineData("FIL", VideoLanguage.Filipino)]
    [InlineData("TGL", VideoLanguage.Filipino)]
    [InlineData("CMN", VideoLanguage.Mandarin)]
    [InlineData("spa", VideoLanguage.Spanish)]
    [InlineData("  vie ", VideoLanguage.Vietnamese)]
    [InlineData("\t01\n", VideoLanguage.Spanish)]
    [InlineData("03", VideoLanguage.English)]
    [InlineData("YUE", VideoLanguage.English)]
    [InlineData("ARA", VideoLanguage.English)]
    [InlineData("99", VideoLanguage.English)]
    [InlineData("MIS", VideoLanguage.English)]
    [InlineData("UU", VideoLanguage.English)]
    [InlineData("uu", VideoLanguage.English)]
    [InlineData("", VideoLanguage.English)]
    [InlineData("   ", VideoLanguage.English)]
    [InlineData(null, VideoLanguage.English)]
    public void Resolve_WellFormed(string? code, VideoLanguage expected)
    {
        Assert.True(_codes.TryResolve(code, out var normalized, out var language, out var error), error);
        Assert.Equal(expected, language);
        Assert.Equal((code ?? "").Trim().ToUpperInvariant(), normalized);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("S P")]
    [InlineData("12345")]
    [InlineData("S1A")]
    [InlineData("SPAN")]
    [InlineData("0A")]
    [InlineData("ÑAB")]
    public void Resolve_Malformed(string code)
    {
        Assert.False(_codes.TryResolve(code, out _, out _, out var error));
        Assert.Contains("invalid", error);
    }

    [Fact]
    public void Resolve_NotOfferedIsEnglish()
    {
        var codes = new LanguageCodes(new LanguageOptions(), [VideoLanguage.Spanish]);

        Assert.True(codes.TryResolve("VIE", out _, out var vietnamese, out _));
        Assert.True(codes.TryResolve("01", out _, out var spanish, out _));
        Assert.Equal(VideoLanguage.English, vietnamese);
        Assert.Equal(VideoLanguage.Spanish, spanish);
    }

    [Fact]
    public void Options_OverrideAndAdd()
    {
        var options = new LanguageOptions();
        options.Codes["01"] = VideoLanguage.English;
        options.Codes["yue"] = VideoLanguage.Mandarin;
        var codes = new LanguageCodes(options);

        Assert.True(codes.TryResolve("01", out _, out var spanish, out _));
        Assert.Equal(VideoLanguage.English, spanish);
        Assert.True(codes.TryResolve("YUE", out _, out var cantonese, out _));
        Assert.Equal(VideoLanguage.Mandarin, cantonese);
    }
}
