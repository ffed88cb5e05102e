using System.Text;
using nietras.SeparatedValues;

namespace Gateway.Imports;

/// <summary>
/// An open delimited file positioned after its header row. Sep does the parsing: quoted fields
/// with embedded delimiters, doubled quotes and line breaks, and CRLF or LF line ends.
/// </summary>
internal sealed class DelimitedFile : IDisposable
{
    private readonly StreamReader textReader;
    private readonly SepReader reader;

    private readonly string name;

    private DelimitedFile(string name, StreamReader textReader, SepReader reader, IReadOnlyList<string> header, Encoding encoding, char delimiter)
    {
        this.name = name;
        this.textReader = textReader;
        this.reader = reader;
        Header = header;
        Encoding = encoding;
        Delimiter = delimiter;
    }

    /// <summary>The header row as written; empty when the file has no non-blank line.</summary>
    public IReadOnlyList<string> Header { get; }

    public Encoding Encoding { get; }

    public char Delimiter { get; }

    /// <summary>
    /// Opens the source and reads up to the header row, which is the first non-blank row.
    /// Pass the encoding and delimiter of an earlier pass to skip detecting them again.
    /// </summary>
    public static DelimitedFile Open(ImportSource source, Encoding encoding, char delimiter)
    {
        var textReader = TextDecoding.OpenReader(source, encoding);
        try
        {
            var reader = Sep.New(delimiter).Reader(options => options with
            {
                HasHeader = false,
                Unescape = true,
                DisableColCountCheck = true,
            }).From(textReader);

            var header = new List<string>();
            while (MoveNext(source.Name, reader))
            {
                var row = reader.Current;
                if (IsBlank(row))
                {
                    continue;
                }

                for (var index = 0; index < row.ColCount; index++)
                {
                    header.Add(row[index].ToString());
                }

                break;
            }

            return new DelimitedFile(source.Name, textReader, reader, header, encoding, delimiter);
        }
        catch (DecoderFallbackException)
        {
            textReader.Dispose();
            throw TextDecoding.InvalidText(source.Name);
        }
        catch
        {
            textReader.Dispose();
            throw;
        }
    }

    /// <summary>Moves to the next row, blank or not.</summary>
    public bool MoveNext() => MoveNext(name, reader);

    /// <summary>
    /// Moves the reader on, turning a decoding failure into a format error. Only a file read as
    /// UTF-8 by option can fail, because detection falls back to Windows-1252.
    /// </summary>
    private static bool MoveNext(string name, SepReader reader)
    {
        try
        {
            return reader.MoveNext();
        }
        catch (DecoderFallbackException)
        {
            throw TextDecoding.InvalidText(name);
        }
    }

    public SepReader.Row Current => reader.Current;

    /// <summary>True for an empty line or a row whose fields are all whitespace.</summary>
    public static bool IsBlank(SepReader.Row row)
    {
        for (var index = 0; index < row.ColCount; index++)
        {
            if (!row[index].Span.IsWhiteSpace())
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The field with outer whitespace trimmed, or an empty string when the row is short or the column is absent.</summary>
    public static string Field(SepReader.Row row, int index) =>
        index >= 0 && index < row.ColCount ? row[index].Span.Trim().ToString() : string.Empty;

    /// <summary>The trimmed field, or null when it is blank or absent.</summary>
    public static string? OptionalField(SepReader.Row row, int index)
    {
        var value = Field(row, index);
        return value.Length == 0 ? null : value;
    }

    public void Dispose()
    {
        reader.Dispose();
        textReader.Dispose();
    }
}
