namespace Gateway.Imports;

/// <summary>Reads the rows of an ELPAC Student Score Data Extract, one pass per call.</summary>
internal static class ElpacExtractReader
{
    /// <summary>
    /// Streams the validated rows of one pass. Blank lines are counted in
    /// <paramref name="summary"/> when given and not returned.
    /// </summary>
    public static IEnumerable<ExtractRow> ReadRows(
        ImportSource source, ElpacExtractOptions options, System.Text.Encoding encoding, char delimiter, FileSummary? summary)
    {
        using var file = DelimitedFile.Open(source, encoding, delimiter);
        var columns = ElpacColumns.Locate(source.Name, file.Header);
        var parser = new ElpacRowParser(columns, options, source.Name);
        while (file.MoveNext())
        {
            var parsed = ParseCurrent(file, parser);
            if (parsed is null)
            {
                if (summary is not null)
                {
                    summary.BlankLines++;
                }

                continue;
            }

            yield return parsed;
        }
    }

    /// <summary>Keeps the Sep row, a ref struct, out of the iterator's state.</summary>
    private static ExtractRow? ParseCurrent(DelimitedFile file, ElpacRowParser parser)
    {
        var row = file.Current;
        return DelimitedFile.IsBlank(row) ? null : parser.Parse(row);
    }
}
