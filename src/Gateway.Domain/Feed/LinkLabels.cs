namespace Gateway.Domain.Feed;

/// <summary>
/// Texts parents see next to a video link, each written in the video's own language.
/// </summary>
public static class LinkLabels
{
    /// <summary>Returns the name of a video link in the video's language.</summary>
    public static string LabelFor(VideoLanguage language) => language switch
    {
        VideoLanguage.English => "Video Score Report (English)",
        VideoLanguage.Spanish => "Informe de puntuación en video (español)",
        VideoLanguage.Vietnamese => "Báo cáo điểm số bằng video (tiếng Việt)",
        VideoLanguage.Mandarin => "视频成绩报告（普通话）",
        VideoLanguage.Filipino => "Ulat ng Iskor sa Video (Filipino)",
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, "Unknown video language."),
    };

    /// <summary>Returns the language's own name for itself, for example "Español".</summary>
    public static string NativeNameOf(VideoLanguage language) => language switch
    {
        VideoLanguage.English => "English",
        VideoLanguage.Spanish => "Español",
        VideoLanguage.Vietnamese => "Tiếng Việt",
        VideoLanguage.Mandarin => "普通话",
        VideoLanguage.Filipino => "Filipino",
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, "Unknown video language."),
    };
}
