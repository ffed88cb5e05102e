namespace Gateway.Domain;

/// <summary>An ELPAC assessment for which video SSRs are offered.</summary>
public enum Assessment
{
    SummativeElpac = 1,
    InitialElpac = 2,
}
