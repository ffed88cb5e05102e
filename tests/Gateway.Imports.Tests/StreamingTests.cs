using System.Text;

namespace Gateway.Imports.Tests;

public class StreamingTests
{
    private const int RowCount = 20_000;

    [Fact]
    public void FirstRecord_ArrivesBeforeFileIsRead()
    {
        var content = BuildExtract(RowCount);
        var streams = new List<CountingStream>();
        var source = ImportSource.FromStreamFactory("large.txt", () =>
        {
            var stream = new CountingStream(new MemoryStream(content, writable: false));
            streams.Add(stream);
            return stream;
        });
        var import = new StudentImport(source);

        using var records = import.ReadRecords().GetEnumerator();
        Assert.True(records.MoveNext());

        // Encoding check, delimiter sniff and duplicate scan each read the file; the import pass
        // has read only its first buffer when the first record arrives.
        var importPass = streams[^1];
        Assert.True(importPass.BytesRead < content.Length / 4, $"import pass read {importPass.BytesRead} of {content.Length} bytes");
        Assert.Equal("1100000000", records.Current.Ssid);

        var count = 1;
        while (records.MoveNext())
        {
            count++;
        }

        Assert.Equal(RowCount, count);
        Assert.Equal(RowCount, import.Summary["large.txt"]!.Imported);
        Fixtures.AssertBalanced(import.Summary);
    }

    [Fact]
    public void Cancellation_StopsBetweenRows()
    {
        using var cancellation = new CancellationTokenSource();
        var import = new StudentImport(ImportSource.FromBytes("large.txt", BuildExtract(100)));

        var records = import.ReadRecords(cancellation.Token);
        cancellation.Cancel();

        Assert.Throws<OperationCanceledException>(() => records.First());
    }

    [Fact]
    public void ForcedUtf8_OnWindows1252Bytes_ThrowsFormatError()
    {
        var text = "RecordType^SSID^StudentLastName^StudentFirstName^GradeAssessed^CALPADSSchoolCode^CEDSLanguageCode\n" +
            "01^1000000503^D’Souza^Ana^01^19647336000001^spa\n";
        var source = ImportSource.FromBytes("cp1252.txt", Fixtures.Windows1252(text));
        var import = new StudentImport(source, options: new ElpacExtractOptions { Encoding = TextEncodingChoice.Utf8 });

        var error = Assert.Throws<ImportFormatException>(() => import.ReadRecords().ToList());

        Assert.Contains("not valid UTF-8", error.Message);
        Assert.Contains("Windows1252", error.Message);
    }

    [Fact]
    public void ForcedUtf8_WithBom_NeverReplacesBytes()
    {
        var text = "RecordType^SSID^StudentLastName^StudentFirstName^GradeAssessed^CALPADSSchoolCode^CEDSLanguageCode\n" +
            "01^1000000504^D’Souza^Ana^01^19647336000001^spa\n";
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Fixtures.Windows1252(text)];
        var import = new StudentImport(ImportSource.FromBytes("bom.txt", bytes), options: new ElpacExtractOptions { Encoding = TextEncodingChoice.Utf8 });

        var error = Assert.Throws<ImportFormatException>(() => import.ReadRecords().ToList());

        Assert.Contains("not valid UTF-8", error.Message);
    }

    [Fact]
    public void Utf8Bom_SkippedBeforeHeader()
    {
        var source = Fixtures.Source("elpac-ugly.txt");

        using var file = DelimitedFile.Open(source, TextDecoding.Resolve(source, TextEncodingChoice.Utf8), '^');

        Assert.Equal("RecordType", file.Header[0]);
    }

    private static byte[] BuildExtract(int rows)
    {
        var text = new StringBuilder("RecordType^SSID^StudentLastName^StudentFirstName^GradeAssessed^CALPADSSchoolCode^CALPADSPrimaryLanguage^SSREligible^EndofRecord\n");
        for (var index = 0; index < rows; index++)
        {
            text.Append("01^").Append(1_100_000_000 + index).Append("^Student^Test^04^19647336000001^SPA^Y^ZZ\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Counts the bytes a reader has pulled from the inner stream.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            BytesRead += read;
            return read;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
