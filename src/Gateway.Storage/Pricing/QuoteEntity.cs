using Gateway.Storage.Tenancy;

namespace Gateway.Storage.Pricing;

/// <summary>
/// A quote kept so that an order can refer to it by id after the cache has dropped it. The
/// payload is the serialized quote message; the store does not interpret it.
/// </summary>
public sealed class QuoteEntity : ILeaOwned
{
    public string Id { get; set; } = "";
    public string LeaCode { get; set; } = "";

    /// <summary>Expiry as Unix milliseconds, a number so that every provider can compare it in SQL.</summary>
    public long ExpireTimeUnixMs { get; set; }
    public byte[] Payload { get; set; } = [];
}
