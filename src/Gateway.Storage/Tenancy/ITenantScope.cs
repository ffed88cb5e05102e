namespace Gateway.Storage.Tenancy;

/// <summary>
/// The LEA whose data a unit of work may touch. The server sets it from the access token's
/// <c>lea</c> claim; it is never taken from a request message.
/// </summary>
public interface ITenantScope
{
    /// <summary>
    /// 14-digit CDS code of the current LEA, or null when the caller is not bound to one (the
    /// vendor's fulfillment client, admin commands). With null, tenant-filtered queries return
    /// no rows: cross-LEA code must opt out with <c>IgnoreQueryFilters()</c>.
    /// </summary>
    string? LeaCode { get; }
}

/// <summary>A settable <see cref="ITenantScope"/>, registered once per request.</summary>
public sealed class TenantScope : ITenantScope
{
    public string? LeaCode { get; set; }
}
