using Gateway.Domain.Feed;

namespace Gateway.Domain.Tests.Feed;

public sealed class PortalFieldMappingTests
{
    private static readonly DateTimeOffset Expiry = new(2026, 9, 1, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Writes_EnglishLink_OnlyEnglishField()
    {
        var writes = PortalFieldMapping.Default.ComputeWrites(VideoLanguage.English, LinkChangeType.Available, "https://h/e", Expiry);

        Assert.Equal(new Dictionary<string, string> { ["ssr_video_url_en"] = "https://h/e" }, writes);
    }

    [Fact]
    public void Writes_PrimaryLink_UrlLabelLanguageAndExpiry()
    {
        var writes = PortalFieldMapping.Default.ComputeWrites(VideoLanguage.Mandarin, LinkChangeType.Replaced, "https://h/m", Expiry);

        Assert.Equal("https://h/m", writes["ssr_video_url_primary"]);
        Assert.Equal("视频成绩报告（普通话）", writes["ssr_video_label_primary"]);
        Assert.Equal("普通话", writes["ssr_video_language_primary"]);
        Assert.Equal("2026-09-01T07:00:00Z", writes["ssr_video_expire_time_primary"]);
    }

    [Fact]
    public void Writes_Revoke_EmptiesSameFields()
    {
        var writes = PortalFieldMapping.Default.ComputeWrites(VideoLanguage.Filipino, LinkChangeType.Revoked, "", null);

        Assert.Equal(4, writes.Count);
        Assert.All(writes.Values, value => Assert.Equal("", value));
    }

    [Fact]
    public void Writes_EmptyKey_FieldLeftOut()
    {
        var mapping = PortalFieldMapping.Default with { LanguageField = "", ExpireTimeField = "" };

        var writes = mapping.ComputeWrites(VideoLanguage.Spanish, LinkChangeType.Available, "https://h/s", Expiry);

        Assert.Equal(["ssr_video_label_primary", "ssr_video_url_primary"], writes.Keys.Order());
    }

    [Fact]
    public void Validate_BadAndDuplicateKeys_Reported()
    {
        var mapping = new PortalFieldMapping("a b", "x", "x", new string('k', 129), "");

        var problems = mapping.Validate().Select(p => p.Field).ToList();

        Assert.Equal(["english_link_field", "label_field", "language_field"], problems);
    }

    [Theory]
    [InlineData(VideoLanguage.English, "Video Score Report (English)", "English")]
    [InlineData(VideoLanguage.Spanish, "Informe de puntuación en video (español)", "Español")]
    [InlineData(VideoLanguage.Vietnamese, "Báo cáo điểm số bằng video (tiếng Việt)", "Tiếng Việt")]
    [InlineData(VideoLanguage.Mandarin, "视频成绩报告（普通话）", "普通话")]
    [InlineData(VideoLanguage.Filipino, "Ulat ng Iskor sa Video (Filipino)", "Filipino")]
    public void Labels_WrittenInOwnLanguage(VideoLanguage language, string label, string name)
    {
        Assert.Equal(label, LinkLabels.LabelFor(language));
        Assert.Equal(name, LinkLabels.NativeNameOf(language));
    }
}
