using System.IO.Compression;

namespace Gateway.Imports;

/// <summary>The CSV files of a OneRoster export, in a folder or a zip file.</summary>
internal sealed class OneRosterBundle
{
    private readonly Dictionary<string, ImportSource> files;

    private OneRosterBundle(Dictionary<string, ImportSource> files) => this.files = files;

    /// <summary>Opens a folder or zip file. File names are matched ignoring case and any folder inside the zip.</summary>
    public static OneRosterBundle Open(string path)
    {
        var files = new Dictionary<string, ImportSource>(StringComparer.OrdinalIgnoreCase);
        if (Directory.Exists(path))
        {
            foreach (var file in Directory.EnumerateFiles(path, "*.csv"))
            {
                files.TryAdd(Path.GetFileName(file), ImportSource.FromFile(file));
            }
        }
        else if (File.Exists(path))
        {
            using var archive = ZipFile.OpenRead(path);
            foreach (var entry in archive.Entries)
            {
                if (entry.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
                {
                    files.TryAdd(entry.Name, ImportSource.FromZipEntry(path, entry.FullName));
                }
            }
        }
        else
        {
            throw new DirectoryNotFoundException($"OneRoster bundle '{path}' not found: expected a folder or a zip file containing manifest.csv.");
        }

        return new OneRosterBundle(files);
    }

    public ImportSource? Find(string name) => files.GetValueOrDefault(name);
}
