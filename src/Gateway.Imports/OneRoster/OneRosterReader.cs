using System.Text.RegularExpressions;
using nietras.SeparatedValues;

namespace Gateway.Imports;

/// <summary>
/// Reads guardians from a OneRoster 1.1 or 1.2 CSV bundle (a folder or zip with manifest.csv)
/// into a contact book keyed by each student's SSID or local id.
/// </summary>
public static partial class OneRosterReader
{
    private static readonly HashSet<string> GuardianRoles = new(StringComparer.OrdinalIgnoreCase) { "guardian", "parent", "relative" };

    /// <summary>
    /// Reads users.csv, roles.csv (1.2), orgs.csv and demographics.csv and links guardians to
    /// students through <c>agentSourcedIds</c> in either direction. Throws
    /// <see cref="ImportFormatException"/> when manifest.csv or users.csv is missing or users
    /// have no role column and no roles.csv.
    /// </summary>
    public static ContactBook Read(string bundlePath, OneRosterOptions? options = null)
    {
        options ??= new OneRosterOptions();
        var bundle = OneRosterBundle.Open(bundlePath);
        var manifest = bundle.Find("manifest.csv")
            ?? throw new ImportFormatException(Path.GetFileName(bundlePath), "manifest.csv not found: a OneRoster bundle starts with its manifest.");
        var version = ReadVersion(manifest, options);

        var book = new ContactBook();
        ReadStatusOnly(bundle, "orgs.csv", book, options);
        ReadStatusOnly(bundle, "demographics.csv", book, options);
        var roles = ReadRoles(bundle, book, options);

        var usersSource = bundle.Find("users.csv")
            ?? throw new ImportFormatException(manifest.Name, "users.csv not found in the bundle; guardians and students come from it.");
        var users = UsersFile.Read(usersSource, options, roles, version);
        book.AddFile(users.Summary);
        new GuardianLinker(book, users, options).Link();
        return book;
    }

    /// <summary>Returns the manifest's <c>oneroster.version</c>; 1.1 when absent.</summary>
    private static string ReadVersion(ImportSource manifest, OneRosterOptions options)
    {
        var encoding = TextDecoding.Resolve(manifest, options.Encoding);
        using var file = DelimitedFile.Open(manifest, encoding, ',');
        var header = new HeaderMap(file.Header, new Dictionary<string, string[]> { ["propertyName"] = [], ["value"] = [] });
        var version = "1.1";
        while (file.MoveNext())
        {
            var row = file.Current;
            if (DelimitedFile.Field(row, header.IndexOf("propertyName")).Equals("oneroster.version", StringComparison.OrdinalIgnoreCase))
            {
                version = DelimitedFile.Field(row, header.IndexOf("value"));
            }
        }

        if (version is not ("1.1" or "1.2"))
        {
            throw new ImportFormatException(manifest.Name, $"oneroster.version '{version}' is not supported: expected 1.1 or 1.2.");
        }

        return version;
    }

    /// <summary>
    /// Accounts for the rows of a lookup file that the video report needs no field from: active
    /// rows are referenced, <c>tobedeleted</c> rows rejected.
    /// </summary>
    private static void ReadStatusOnly(OneRosterBundle bundle, string name, ContactBook book, OneRosterOptions options)
    {
        var source = bundle.Find(name);
        if (source is null)
        {
            return;
        }

        using var file = OpenCsv(source, options, out var summary);
        var header = new HeaderMap(file.Header, OneRosterColumns.StatusOnly, _ => true);
        book.AddFile(summary);
        while (file.MoveNext())
        {
            var row = file.Current;
            if (CountRow(row, summary) is { } location && !RejectIfDeleted(row, header, summary, location))
            {
                summary.Referenced++;
            }
        }
    }

    /// <summary>Reads roles.csv (OneRoster 1.2) into the roles of each user, primary role first.</summary>
    private static Dictionary<string, List<string>>? ReadRoles(OneRosterBundle bundle, ContactBook book, OneRosterOptions options)
    {
        var source = bundle.Find("roles.csv");
        if (source is null)
        {
            return null;
        }

        using var file = OpenCsv(source, options, out var summary);
        var header = new HeaderMap(file.Header, OneRosterColumns.Roles, OneRosterColumns.IsExtension);
        summary.AddUnknownColumns(header.UnknownColumns);
        book.AddFile(summary);
        var roles = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        while (file.MoveNext())
        {
            var row = file.Current;
            if (CountRow(row, summary) is not { } location || RejectIfDeleted(row, header, summary, location))
            {
                continue;
            }

            var user = DelimitedFile.Field(row, header.IndexOf(OneRosterColumns.UserSourcedId));
            var role = DelimitedFile.Field(row, header.IndexOf(OneRosterColumns.Role));
            if (user.Length == 0 || role.Length == 0)
            {
                summary.Reject(location, RejectionReason.MissingValue, "userSourcedId or role is blank.");
                continue;
            }

            if (!roles.TryGetValue(user, out var list))
            {
                list = [];
                roles[user] = list;
            }

            var isPrimary = DelimitedFile.Field(row, header.IndexOf(OneRosterColumns.RoleType)).Equals("primary", StringComparison.OrdinalIgnoreCase);
            list.Insert(isPrimary ? 0 : list.Count, role);
            summary.Referenced++;
        }

        return roles;
    }

    internal static DelimitedFile OpenCsv(ImportSource source, OneRosterOptions options, out FileSummary summary)
    {
        var encoding = TextDecoding.Resolve(source, options.Encoding);
        summary = new FileSummary(source.Name) { Encoding = TextDecoding.DisplayName(encoding), Delimiter = ',' };
        return DelimitedFile.Open(source, encoding, ',');
    }

    /// <summary>Counts the row as blank or data and returns its location, or null for a blank row.</summary>
    internal static SourceLocation? CountRow(SepReader.Row row, FileSummary summary)
    {
        if (DelimitedFile.IsBlank(row))
        {
            summary.BlankLines++;
            return null;
        }

        summary.DataRows++;
        return new SourceLocation(summary.File, row.LineNumberFrom);
    }

    /// <summary>Rejects a row whose status is <c>tobedeleted</c> and returns whether it did.</summary>
    internal static bool RejectIfDeleted(SepReader.Row row, HeaderMap header, FileSummary summary, SourceLocation location)
    {
        var status = DelimitedFile.Field(row, header.IndexOf(OneRosterColumns.Status));
        if (!status.Equals("tobedeleted", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        summary.Reject(location, RejectionReason.MarkedToBeDeleted, "excluded: status is 'tobedeleted'.");
        return true;
    }

    /// <summary>Parses <c>userIds</c> entries such as <c>{SSID:1234567890},{District:55}</c>.</summary>
    internal static IEnumerable<(string Type, string Value)> ParseUserIds(string text) =>
        UserIdPattern().Matches(text).Select(match => (match.Groups[1].Value.Trim(), match.Groups[2].Value.Trim()));

    [GeneratedRegex(@"\{\s*([^:{}]+?)\s*:\s*([^{}]*?)\s*\}")]
    private static partial Regex UserIdPattern();
}
