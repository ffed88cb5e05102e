namespace Gateway.Domain;

/// <summary>
/// A language in which video SSRs are produced. English is part of every set; the others are
/// the primary languages the state currently offers.
/// </summary>
public enum VideoLanguage
{
    English = 1,
    Spanish = 2,
    Vietnamese = 3,
    Mandarin = 4,
    Filipino = 5,
}
