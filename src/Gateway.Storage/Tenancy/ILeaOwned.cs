namespace Gateway.Storage.Tenancy;

/// <summary>
/// An entity that belongs to exactly one LEA. <see cref="GatewayDbContext"/> filters every query
/// of such an entity by the context's LEA and stamps the LEA on new rows, so a query that
/// forgets a <c>Where</c> still cannot see another LEA's rows.
/// </summary>
public interface ILeaOwned
{
    /// <summary>14-digit CDS code of the owning LEA.</summary>
    string LeaCode { get; set; }
}
