using System.IO.Compression;

namespace Gateway.Imports;

/// <summary>
/// A named input that can be opened more than once. The extract reader makes several passes
/// (encoding check, duplicate scan, import) so that it never loads the whole file.
/// </summary>
public sealed class ImportSource
{
    private readonly Func<Stream> open;

    private ImportSource(string name, Func<Stream> open)
    {
        Name = name;
        this.open = open;
    }

    /// <summary>The name used in rejections and summaries, usually the file name.</summary>
    public string Name { get; }

    public static ImportSource FromFile(string path) =>
        new(Path.GetFileName(path), () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16));

    public static ImportSource FromBytes(string name, byte[] content) =>
        new(name, () => new MemoryStream(content, writable: false));

    /// <summary>Creates a source from a factory that returns a new stream, positioned at the start, on each call.</summary>
    public static ImportSource FromStreamFactory(string name, Func<Stream> open) => new(name, open);

    /// <summary>
    /// Creates a source for one entry of a zip file, reopening the archive on each pass. The name
    /// is the entry's file name without its folder, as for a file in a folder bundle.
    /// </summary>
    internal static ImportSource FromZipEntry(string zipPath, string entryName) =>
        new(Path.GetFileName(entryName), () =>
        {
            var archive = ZipFile.OpenRead(zipPath);
            var entry = archive.GetEntry(entryName);
            if (entry is null)
            {
                archive.Dispose();
                throw new FileNotFoundException($"Entry '{entryName}' not found in '{zipPath}'.");
            }

            return new ArchiveEntryStream(archive, entry.Open());
        });

    public Stream Open() => open();

    /// <summary>Disposes the archive together with the entry stream read from it.</summary>
    private sealed class ArchiveEntryStream(ZipArchive archive, Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override int Read(Span<byte> buffer) => inner.Read(buffer);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                archive.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
