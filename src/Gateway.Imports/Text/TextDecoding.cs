using System.Text;

namespace Gateway.Imports;

/// <summary>How to decode an input file's bytes.</summary>
public enum TextEncodingChoice
{
    /// <summary>UTF-8 (with or without BOM) when every byte sequence is valid UTF-8, else Windows-1252.</summary>
    Detect,
    Utf8,
    /// <summary>The code page spreadsheet programs on Windows save in; byte 0x92 is a curly apostrophe.</summary>
    Windows1252,
}

/// <summary>Chooses a decoding and the field delimiter for a delimited text file.</summary>
internal static class TextDecoding
{
    private const int ChunkLength = 1 << 16;

    /// <summary>
    /// Throws on invalid bytes, so a wrong choice fails loudly instead of producing U+FFFD. Its
    /// preamble is the UTF-8 BOM, which StreamReader skips when the file starts with it.
    /// </summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true);

    private static readonly Encoding Windows1252 = CreateWindows1252();

    private static readonly char[] DelimiterCandidates = ['^', ',', '\t', '|', ';'];

    /// <remarks>
    /// NOTE: a file that starts with a UTF-8 BOM but has invalid bytes later is read as
    /// Windows-1252, so its first header name gains the characters "ï»¿" and fails to match.
    /// </remarks>
    public static Encoding Resolve(ImportSource source, TextEncodingChoice choice) => choice switch
    {
        TextEncodingChoice.Utf8 => StrictUtf8,
        TextEncodingChoice.Windows1252 => Windows1252,
        _ => IsValidUtf8(source) ? StrictUtf8 : Windows1252,
    };

    public static string DisplayName(Encoding encoding) =>
        encoding.CodePage == Windows1252.CodePage ? "windows-1252" : "utf-8";

    /// <summary>
    /// Opens a reader that decodes with exactly the given encoding. BOM detection stays off
    /// because StreamReader would switch to a UTF-8 decoder that replaces invalid bytes.
    /// </summary>
    public static StreamReader OpenReader(ImportSource source, Encoding encoding) =>
        new(source.Open(), encoding, detectEncodingFromByteOrderMarks: false, bufferSize: ChunkLength);

    /// <summary>Reads the whole source once, with a fixed-size buffer, and checks that it is valid UTF-8.</summary>
    private static bool IsValidUtf8(ImportSource source)
    {
        var decoder = StrictUtf8.GetDecoder();
        var buffer = new byte[ChunkLength];
        using var stream = source.Open();
        try
        {
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                decoder.GetCharCount(buffer, 0, read, flush: false);
            }

            decoder.GetCharCount([], 0, 0, flush: true);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>
    /// Picks the candidate character that occurs most often in the header line, which is the
    /// first non-blank line. Returns the default when the header has none of them (one column).
    /// </summary>
    public static char DetectDelimiter(ImportSource source, Encoding encoding, char fallback)
    {
        using var reader = OpenReader(source, encoding);
        string? line;
        try
        {
            while ((line = reader.ReadLine()) is not null && string.IsNullOrWhiteSpace(line))
            {
            }
        }
        catch (DecoderFallbackException)
        {
            throw InvalidText(source.Name);
        }

        if (line is null)
        {
            return fallback;
        }

        var best = fallback;
        var bestCount = 0;
        foreach (var candidate in DelimiterCandidates)
        {
            var count = line.Count(character => character == candidate);
            if (count > bestCount)
            {
                best = candidate;
                bestCount = count;
            }
        }

        return best;
    }

    /// <summary>The error for bytes that the chosen encoding cannot decode.</summary>
    public static ImportFormatException InvalidText(string file) =>
        new(file, "the file contains bytes that are not valid UTF-8; " +
            "set the Encoding option to Windows1252 or Detect for files saved by spreadsheet programs.");

    private static Encoding CreateWindows1252()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }
}
