using System.Text;

namespace Gateway.Imports.Tests;

/// <summary>Locates fixture files and runs imports over them.</summary>
internal static class Fixtures
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static ImportSource Source(string name) => ImportSource.FromFile(PathOf(name));

    /// <summary>Runs an import to the end and returns the records with the final summary.</summary>
    public static (List<StudentRecord> Records, ImportSummary Summary) Import(
        ImportSource extract, ContactBook? contacts = null, ElpacExtractOptions? options = null)
    {
        var import = new StudentImport(extract, contacts, options);
        var records = import.ReadRecords().ToList();
        return (records, import.Summary);
    }

    public static (List<StudentRecord> Records, ImportSummary Summary) Import(
        string extractName, ContactBook? contacts = null, ElpacExtractOptions? options = null) =>
        Import(Source(extractName), contacts, options);

    public static byte[] Windows1252(string text)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252).GetBytes(text);
    }

    /// <summary>Asserts that every file's outcomes add up to its data rows.</summary>
    public static void AssertBalanced(ImportSummary summary)
    {
        Assert.True(summary.IsComplete);
        foreach (var file in summary.Files)
        {
            Assert.True(
                file.IsBalanced,
                $"{file.File}: {file.Imported} imported + {file.Merged} merged + {file.Referenced} referenced + {file.Rejected} rejected != {file.DataRows} data rows");
        }
    }

    public static RowRejection RejectionAt(ImportSummary summary, string file, int line) =>
        Assert.Single(summary[file]!.Rejections, rejection => rejection.Source.Line == line);
}
