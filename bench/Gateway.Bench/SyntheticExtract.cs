using System.Globalization;
using System.Text;

namespace Gateway.Bench;

/// <summary>
/// Writes a synthetic ELPAC Student Score Data Extract: the real column header with invented
/// values, one row at a time, so a file of any size needs no more memory than one row.
/// </summary>
/// <remarks>
/// Every row is valid for import: unique 10-digit SSIDs, record type <c>01</c> (Summative ELPAC)
/// or <c>03</c> (Initial ELPAC), <c>SSREligible</c> <c>Y</c> and <c>EndofRecord</c> <c>ZZ</c>.
/// The same seed and row count give the same bytes.
/// </remarks>
internal static class SyntheticExtract
{
    /// <summary>The header file copied next to the program by the build.</summary>
    public static string DefaultHeaderPath => Path.Combine(AppContext.BaseDirectory, "Data", "elpac-extract-2023-24-header.txt");

    private const string District = "19647330000000";
    private const int SchoolCount = 40;
    private const long FirstSsid = 1_900_000_000;

    private static readonly string[] Grades = ["KN", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"];
    private static readonly string[] GivenNames = ["Sofia", "Mateo", "Lucia", "Minh", "Ngoc Anh", "Wei", "Mei", "Paolo", "Maria Clara", "Omar", "Ava", "Liam"];
    private static readonly string[] FamilyNames = ["Garcia", "Hernandez", "Nguyen", "Tran", "Chen", "Wang", "Santos", "Reyes", "Hassan", "Miller", "Lopez", "Pham"];
    private static readonly string[] MiddleNames = ["", "", "", "Luz", "Anh", "James"];

    // (CALPADSPrimaryLanguage, CEDSLanguageCode)
    private static readonly (string Calpads, string Ceds)[] Languages =
        [("01", "spa"), ("SPA", "spa"), ("VIE", "vie"), ("CMN", "cmn"), ("FIL", "fil"), ("YUE", "yue"), ("ARA", "ara"), ("ENG", "eng")];

    /// <summary>Reads the caret-separated column names from the first line of <paramref name="path"/>.</summary>
    public static string[] ReadHeader(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        var line = reader.ReadLine() ?? throw new InvalidDataException($"{path} is empty: expected one line of caret-separated column names.");
        return line.Split('^');
    }

    /// <summary>Writes <paramref name="rows"/> data rows under <paramref name="header"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyList<string> header, int rows, int seed)
    {
        var index = header
            .Select((name, position) => (name, position))
            .ToDictionary(column => column.name, column => column.position, StringComparer.Ordinal);
        var random = new Random(seed);
        var cells = new string[header.Count];

        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 20);
        writer.NewLine = "\n";
        writer.WriteLine(string.Join('^', header));
        for (var row = 0; row < rows; row++)
        {
            Array.Fill(cells, string.Empty);
            foreach (var (column, value) in InventRow(row, random))
            {
                cells[index[column]] = value;
            }

            WriteRow(writer, cells);
        }
    }

    private static void WriteRow(StreamWriter writer, string[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                writer.Write('^');
            }

            writer.Write(cells[i]);
        }

        writer.Write('\n');
    }

    private static IEnumerable<(string Column, string Value)> InventRow(int row, Random random)
    {
        var school = row % SchoolCount;
        var (calpads, ceds) = Languages[random.Next(Languages.Length)];
        var grade = Grades[random.Next(Grades.Length)];
        var scaleScore = random.Next(1150, 1950);

        yield return ("RecordType", row % 10 == 0 ? "03" : "01");
        yield return ("UIN", (100_000_000 + row).ToString(CultureInfo.InvariantCulture));
        yield return ("SSID", (FirstSsid + row).ToString(CultureInfo.InvariantCulture));
        yield return ("LocalStudentID", "S" + (200_000 + row).ToString(CultureInfo.InvariantCulture));
        yield return ("StudentLastName", FamilyNames[random.Next(FamilyNames.Length)]);
        yield return ("StudentFirstName", GivenNames[random.Next(GivenNames.Length)]);
        yield return ("StudentMiddleName", MiddleNames[random.Next(MiddleNames.Length)]);
        yield return ("DateofBirth", new DateOnly(2008, 1, 1).AddDays(random.Next(0, 4000)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        yield return ("Gender", random.Next(2) == 0 ? "F" : "M");
        yield return ("CALPADSGrade", grade);
        yield return ("GradeAssessed", grade);
        yield return ("CALPADSDistrictCode", District);
        yield return ("CALPADSDistrictName", "Example Unified");
        yield return ("CALPADSSchoolCode", "1964733" + (6_000_001 + school).ToString(CultureInfo.InvariantCulture));
        yield return ("CALPADSSchoolName", "Example School " + (school + 1).ToString(CultureInfo.InvariantCulture));
        yield return ("ELStatus", "EL");
        yield return ("CALPADSPrimaryLanguage", calpads);
        yield return ("PrimaryLanguageforTesting", calpads);
        yield return ("CEDSLanguageCode", ceds);
        yield return ("TestedStatus", "T");
        yield return ("SSRAvailableDate", "2024-06-14");
        yield return ("FinalTestedSchoolName", "Example School " + (school + 1).ToString(CultureInfo.InvariantCulture));
        yield return ("FinalTestCompletedDate", "2024-03-" + random.Next(10, 29).ToString(CultureInfo.InvariantCulture));
        yield return ("SSREligible", "Y");
        yield return ("OverallScaleScore", scaleScore.ToString(CultureInfo.InvariantCulture));
        yield return ("OverallPL", random.Next(1, 5).ToString(CultureInfo.InvariantCulture));
        yield return ("OralLanguageScaleScore", (scaleScore + random.Next(-40, 40)).ToString(CultureInfo.InvariantCulture));
        yield return ("WrittenLanguageScaleScore", (scaleScore + random.Next(-40, 40)).ToString(CultureInfo.InvariantCulture));
        yield return ("ReportCreatedDate", "2024-06-01");
        yield return ("ScoreAvailableDate", "2024-06-14");
        yield return ("EndofRecord", "ZZ");
    }
}
