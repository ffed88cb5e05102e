using System.Globalization;
using nietras.SeparatedValues;

namespace Gateway.Imports;

/// <summary>A users.csv row that passed the status, date, role and duplicate checks.</summary>
internal sealed record OneRosterUser
{
    public required SourceLocation Source { get; init; }
    public required string SourcedId { get; init; }
    public required string Role { get; init; }
    public string? Username { get; init; }
    public string UserIds { get; init; } = string.Empty;
    public string? GivenName { get; init; }
    public string? MiddleName { get; init; }
    public string? FamilyName { get; init; }
    public string? Identifier { get; init; }
    public string? Sms { get; init; }
    public string? Phone { get; init; }
    public IReadOnlyList<string> Agents { get; init; } = [];
    public string? PreferredLanguage { get; init; }
    public DateTimeOffset? DateLastModified { get; init; }

    public bool IsStudent => Role.Equals("student", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The students and guardians of users.csv, in file order, with the file's outcome counts.</summary>
internal sealed class UsersFile
{
    private static readonly HashSet<string> SupportedRoles = new(StringComparer.OrdinalIgnoreCase) { "student", "guardian", "parent", "relative" };

    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
    ];

    private static readonly string[] MonthFirstFormats = ["M/d/yyyy", "M/d/yyyy H:mm", "M/d/yyyy H:mm:ss", "M/d/yyyy h:mm tt", "M/d/yyyy h:mm:ss tt"];

    private static readonly string[] DayFirstFormats = ["d/M/yyyy", "d/M/yyyy H:mm", "d/M/yyyy H:mm:ss", "d.M.yyyy", "d.M.yyyy H:mm"];

    private UsersFile(FileSummary summary, List<OneRosterUser> users)
    {
        Summary = summary;
        Users = users;
    }

    public FileSummary Summary { get; }

    public IReadOnlyList<OneRosterUser> Users { get; }

    public static UsersFile Read(ImportSource source, OneRosterOptions options, Dictionary<string, List<string>>? roles, string version)
    {
        using var file = OneRosterReader.OpenCsv(source, options, out var summary);
        var header = new HeaderMap(file.Header, OneRosterColumns.Users, OneRosterColumns.IsExtension);
        summary.AddUnknownColumns(header.UnknownColumns);
        if (!header.Contains(OneRosterColumns.SourcedId))
        {
            throw new ImportFormatException(source.Name, "the header has no sourcedId column.");
        }

        if (!header.Contains(OneRosterColumns.Role) && roles is null)
        {
            throw new ImportFormatException(
                source.Name,
                $"users have no role: the header has no role column (OneRoster 1.1) and the bundle has no roles.csv (OneRoster {version}).");
        }

        var bySourcedId = new Dictionary<string, OneRosterUser>(StringComparer.Ordinal);
        var order = new List<string>();
        while (file.MoveNext())
        {
            var user = ReadRow(file.Current, header, summary, options, roles);
            if (user is null)
            {
                continue;
            }

            if (!bySourcedId.TryGetValue(user.SourcedId, out var earlier))
            {
                bySourcedId[user.SourcedId] = user;
                order.Add(user.SourcedId);
                continue;
            }

            var (kept, superseded) = (user.DateLastModified ?? DateTimeOffset.MinValue) >= (earlier.DateLastModified ?? DateTimeOffset.MinValue)
                ? (user, earlier)
                : (earlier, user);
            bySourcedId[user.SourcedId] = kept;
            summary.Reject(
                superseded.Source,
                RejectionReason.DuplicateSourcedId,
                $"sourcedId '{user.SourcedId}' also appears on line {kept.Source.Line}, which has a later or equal dateLastModified and is used instead.");
        }

        return new UsersFile(summary, order.Select(id => bySourcedId[id]).ToList());
    }

    private static OneRosterUser? ReadRow(
        SepReader.Row row, HeaderMap header, FileSummary summary, OneRosterOptions options, Dictionary<string, List<string>>? roles)
    {
        if (OneRosterReader.CountRow(row, summary) is not { } location || OneRosterReader.RejectIfDeleted(row, header, summary, location))
        {
            return null;
        }

        var sourcedId = DelimitedFile.OptionalField(row, header.IndexOf(OneRosterColumns.SourcedId));
        if (sourcedId is null)
        {
            summary.Reject(location, RejectionReason.MissingValue, "sourcedId is blank.");
            return null;
        }

        var dateText = DelimitedFile.Field(row, header.IndexOf(OneRosterColumns.DateLastModified));
        DateTimeOffset? modified = null;
        if (dateText.Length > 0)
        {
            modified = ParseDate(dateText, options.DateOrder);
            if (modified is null)
            {
                summary.Reject(
                    location,
                    RejectionReason.InvalidValue,
                    $"dateLastModified '{dateText}' is invalid for DateOrder {options.DateOrder}: expected an ISO 8601 date. " +
                    "If the export writes slash dates, set OneRosterOptions.DateOrder to MonthFirst or DayFirst.");
                return null;
            }
        }

        var role = DelimitedFile.OptionalField(row, header.IndexOf(OneRosterColumns.Role)) ?? ChooseRole(roles, sourcedId);
        if (role is null)
        {
            summary.Reject(location, RejectionReason.MissingValue, $"user '{sourcedId}' has no role in users.csv or roles.csv.");
            return null;
        }

        if (!SupportedRoles.Contains(role))
        {
            summary.Reject(location, RejectionReason.UnsupportedRole, $"excluded: role '{role}' is neither a student nor a guardian, parent or relative.");
            return null;
        }

        return new OneRosterUser
        {
            Source = location,
            SourcedId = sourcedId,
            Role = role,
            Username = DelimitedFile.OptionalField(row, header.IndexOf(OneRosterColumns.Username)),
            UserIds = DelimitedFile.Field(row, header.IndexOf(OneRosterColumns.UserIds)),
            GivenName = DelimitedFile.OptionalField(row, header.IndexOf(OneRosterColumns.GivenName)),
            MiddleName = DelimitedFile.OptionalField(row, header.IndexOf(OneRosterColumns.MiddleName)),
            FamilyName = DelimitedFile.OptionalField(row, header.IndexOf(OneRosterColumns.FamilyName)),
            Identifier = DelimitedFile.OptionalField(row, header.IndexOf(OneRosterColumns.Identifier)),
            Sms = DelimitedFile.OptionalField(row, header.IndexOf(OneRosterColumns.Sms)),
            Phone = DelimitedFile.OptionalField(row, header.IndexOf(OneRosterColumns.Phone)),
            Agents = SplitList(DelimitedFile.Field(row, header.IndexOf(OneRosterColumns.AgentSourcedIds))),
            PreferredLanguage = SplitList(DelimitedFile.Field(row, header.IndexOf(OneRosterColumns.PreferredLanguage)))
                .Select(ElpacRowParser.NormalizeLanguageCode)
                .FirstOrDefault(),
            DateLastModified = modified,
        };
    }

    /// <summary>Prefers student, then a guardian role, then the primary role from roles.csv.</summary>
    private static string? ChooseRole(Dictionary<string, List<string>>? roles, string sourcedId)
    {
        if (roles is null || !roles.TryGetValue(sourcedId, out var list) || list.Count == 0)
        {
            return null;
        }

        return list.FirstOrDefault(role => role.Equals("student", StringComparison.OrdinalIgnoreCase))
            ?? list.FirstOrDefault(SupportedRoles.Contains)
            ?? list[0];
    }

    /// <summary>Splits a OneRoster list field, which separates entries with commas.</summary>
    private static List<string> SplitList(string text) =>
        text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    /// <summary>
    /// Parses an ISO 8601 date or date-time, and slash dates only in the order the options name.
    /// Returns null for anything else. Times without an offset are read as UTC.
    /// </summary>
    internal static DateTimeOffset? ParseDate(string text, DateOrder order)
    {
        const DateTimeStyles Styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        var culture = CultureInfo.InvariantCulture;
        if (DateTimeOffset.TryParseExact(text, IsoFormats, culture, Styles, out var iso))
        {
            return iso;
        }

        var formats = order switch
        {
            DateOrder.MonthFirst => MonthFirstFormats,
            DateOrder.DayFirst => DayFirstFormats,
            _ => [],
        };
        return DateTimeOffset.TryParseExact(text, formats, culture, Styles, out var value) ? value : null;
    }
}
