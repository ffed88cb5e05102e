namespace Gateway.Imports;

/// <summary>The extract columns the import reads, located by name in one file's header.</summary>
internal sealed class ElpacColumns
{
    public const string RecordType = "RecordType";
    public const string Ssid = "SSID";
    public const string LocalStudentId = "LocalStudentID";
    public const string LastName = "StudentLastName";
    public const string FirstName = "StudentFirstName";
    public const string MiddleName = "StudentMiddleName";
    public const string Grade = "GradeAssessed";
    public const string DistrictCode = "CALPADSDistrictCode";
    public const string SchoolCode = "CALPADSSchoolCode";
    public const string SchoolName = "CALPADSSchoolName";
    public const string CalpadsLanguage = "CALPADSPrimaryLanguage";
    public const string TestingLanguage = "PrimaryLanguageforTesting";
    public const string CedsLanguage = "CEDSLanguageCode";
    public const string SsrEligible = "SSREligible";
    public const string SsrAvailableDate = "SSRAvailableDate";
    public const string TestedStatus = "TestedStatus";
    public const string ElStatus = "ELStatus";
    public const string EndOfRecord = "EndofRecord";

    /// <summary>Columns without which no row can be imported.</summary>
    public static readonly string[] Required = [RecordType, Ssid, LastName, FirstName, Grade, SchoolCode];

    private static readonly string[] Language = [CalpadsLanguage, TestingLanguage, CedsLanguage];

    private static readonly IReadOnlyDictionary<string, string[]> Known = new[]
    {
        RecordType, Ssid, LocalStudentId, LastName, FirstName, MiddleName, Grade, DistrictCode, SchoolCode,
        SchoolName, CalpadsLanguage, TestingLanguage, CedsLanguage, SsrEligible, SsrAvailableDate,
        TestedStatus, ElStatus, EndOfRecord,
    }.ToDictionary(name => name, _ => Array.Empty<string>());

    private ElpacColumns(HeaderMap header) => Header = header;

    public HeaderMap Header { get; }

    public int this[string canonical] => Header.IndexOf(canonical);

    /// <summary>
    /// Locates the columns, or throws <see cref="ImportFormatException"/> naming every required
    /// column the header lacks.
    /// </summary>
    public static ElpacColumns Locate(string file, IReadOnlyList<string> header)
    {
        if (header.Count == 0)
        {
            throw new ImportFormatException(file, "the file is empty: expected a header row naming the extract columns.");
        }

        var map = new HeaderMap(header, Known);
        var missing = Required.Where(name => !map.Contains(name)).ToList();
        if (!Language.Any(map.Contains))
        {
            missing.Add($"one of {string.Join(", ", Language)}");
        }

        if (missing.Count > 0)
        {
            throw new ImportFormatException(
                file,
                $"the header is missing required columns: {string.Join(", ", missing)}. " +
                "Check that this is an ELPAC Student Score Data Extract with its header row.");
        }

        return new ElpacColumns(map);
    }
}
