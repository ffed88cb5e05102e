using System.Text;

namespace Gateway.Cli.Links;

/// <summary>
/// The resume token of a link watch, kept in a small file. Saving writes a temporary file, flushes
/// it to disk and renames it over the old one, so a crash leaves either the old or the new token.
/// </summary>
internal sealed class Checkpoint(string path)
{
    public string Path { get; } = path;

    /// <summary>Returns the saved token, or null when no checkpoint exists yet.</summary>
    public string? Load()
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        var token = File.ReadAllText(Path, Encoding.UTF8).Trim();
        return token.Length == 0 ? null : token;
    }

    public void Save(string resumeToken)
    {
        var temporary = Path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(Encoding.UTF8.GetBytes(resumeToken + "\n"));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path, overwrite: true);
    }
}
