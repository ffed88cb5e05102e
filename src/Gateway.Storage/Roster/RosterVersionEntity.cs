using Gateway.Domain;
using Gateway.Storage.Tenancy;

namespace Gateway.Storage.Roster;

/// <summary>
/// Counter of one administration's roster, raised by one whenever an upload inserts, changes or
/// removes a student. A missing row means version 0 (never uploaded).
/// </summary>
public sealed class RosterVersionEntity : ILeaOwned
{
    public string LeaCode { get; set; } = "";
    public string SchoolYear { get; set; } = "";
    public Assessment Assessment { get; set; }
    public long Version { get; set; }
}
