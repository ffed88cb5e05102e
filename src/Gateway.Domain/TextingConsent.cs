namespace Gateway.Domain;

/// <summary>Whether a guardian agreed to receive the video link as a text message.</summary>
public enum TextingConsent
{
    Unknown = 0,
    Yes = 1,
    No = 2,
}
