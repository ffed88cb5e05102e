namespace Gateway.Storage.Tenancy;

/// <summary>An LEA tenant: a district or an independently reporting charter.</summary>
public sealed class LeaEntity
{
    /// <summary>14-digit CDS code; the tenant id everywhere else.</summary>
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public DateTimeOffset CreateTime { get; set; }
}
