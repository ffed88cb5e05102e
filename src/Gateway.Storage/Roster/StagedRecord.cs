using Gateway.Domain.Roster;

namespace Gateway.Storage.Roster;

/// <summary>
/// A record of an upload in progress, ready for staging: a valid student, or only the SSID of a
/// rejected record (<see cref="Student"/> null) so that duplicate detection counts it.
/// </summary>
public sealed record StagedRecord(int RecordIndex, string Ssid, ValidStudent? Student, string ContentHash);
