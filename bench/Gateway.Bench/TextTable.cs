using System.Globalization;

namespace Gateway.Bench;

/// <summary>Prints rows as a Markdown table with aligned columns, so output can go into a README as is.</summary>
internal sealed class TextTable(params string[] headings)
{
    private readonly List<string[]> rows = [];

    public void Add(params string[] cells) => rows.Add(cells);

    public void Write(TextWriter writer)
    {
        var widths = headings.Select((heading, column) => rows.Select(row => row[column].Length).Append(heading.Length).Max()).ToArray();
        writer.WriteLine(FormatRow(headings, widths));
        writer.WriteLine("| " + string.Join(" | ", widths.Select(width => new string('-', width))) + " |");
        foreach (var row in rows)
        {
            writer.WriteLine(FormatRow(row, widths));
        }
    }

    private static string FormatRow(string[] cells, int[] widths) =>
        "| " + string.Join(" | ", cells.Select((cell, column) => cell.PadRight(widths[column]))) + " |";
}

/// <summary>Number formats shared by the benchmarks; invariant culture so output reads the same everywhere.</summary>
internal static class Figures
{
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Rate(double perSecond) => perSecond.ToString("N0", CultureInfo.InvariantCulture);

    public static string MiB(long bytes) => (bytes / 1024.0 / 1024.0).ToString("N1", CultureInfo.InvariantCulture) + " MiB";

    public static string Seconds(double seconds) => seconds.ToString("N2", CultureInfo.InvariantCulture) + " s";

    public static string Ratio(double ratio) => ratio.ToString("N2", CultureInfo.InvariantCulture) + "x";

    public static string Bytes(double bytes) => bytes.ToString("N1", CultureInfo.InvariantCulture) + " B";
}
