using System.Security.Cryptography;
using System.Text;
using Gateway.Imports;

namespace Gateway.Cli.Roster;

/// <summary>How the contacts input is read.</summary>
internal enum ContactsFormat
{
    /// <summary>A plain contacts CSV: one row per guardian.</summary>
    ContactsCsv,

    /// <summary>A OneRoster 1.1 or 1.2 CSV bundle, as a folder or a zip file.</summary>
    OneRoster,
}

/// <summary>The files of one roster upload: an ELPAC extract and an optional contacts source.</summary>
internal sealed class RosterSource
{
    private RosterSource(string extractPath, string? contactsPath, ContactsFormat contactsFormat)
    {
        ExtractPath = extractPath;
        ContactsPath = contactsPath;
        ContactsFormat = contactsFormat;
    }

    public string ExtractPath { get; }

    public string? ContactsPath { get; }

    public ContactsFormat ContactsFormat { get; }

    /// <summary>
    /// Checks that the files exist. With <paramref name="allowOneRoster"/>, a folder, a zip file or
    /// a CSV named manifest.csv is read as a OneRoster bundle and any other file as a contacts CSV.
    /// </summary>
    public static RosterSource Open(string extractPath, string? contactsPath, bool allowOneRoster)
    {
        if (!File.Exists(extractPath))
        {
            throw CliException.Usage($"The ELPAC extract '{extractPath}' was not found.");
        }

        if (contactsPath is null)
        {
            return new RosterSource(extractPath, null, ContactsFormat.ContactsCsv);
        }

        if (Directory.Exists(contactsPath))
        {
            return allowOneRoster
                ? new RosterSource(extractPath, contactsPath, ContactsFormat.OneRoster)
                : throw CliException.Usage($"--contacts '{contactsPath}' is a folder; 'roster upload' reads a contacts CSV, use 'roster import' for a OneRoster bundle.");
        }

        if (!File.Exists(contactsPath))
        {
            throw CliException.Usage($"The contacts file '{contactsPath}' was not found.");
        }

        var isBundle = contactsPath.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)
            || string.Equals(Path.GetFileName(contactsPath), "manifest.csv", StringComparison.OrdinalIgnoreCase);
        if (isBundle && !allowOneRoster)
        {
            throw CliException.Usage($"--contacts '{contactsPath}' is a OneRoster bundle; 'roster upload' reads a contacts CSV, use 'roster import' instead.");
        }

        return isBundle
            ? new RosterSource(extractPath, Path.GetFileName(contactsPath) == "manifest.csv" ? Path.GetDirectoryName(Path.GetFullPath(contactsPath))! : contactsPath, ContactsFormat.OneRoster)
            : new RosterSource(extractPath, contactsPath, ContactsFormat.ContactsCsv);
    }

    /// <summary>Reads the contacts (held in memory) and prepares the streamed extract import.</summary>
    public StudentImport CreateImport(ElpacExtractOptions options)
    {
        ContactBook? contacts = ContactsPath is null
            ? null
            : ContactsFormat == ContactsFormat.OneRoster
                ? OneRosterReader.Read(ContactsPath)
                : ContactsCsvReader.Read(ImportSource.FromFile(ContactsPath));
        return new StudentImport(ImportSource.FromFile(ExtractPath), contacts, options);
    }

    /// <summary>Counts the extract's non-blank lines after the header, for the progress bar.</summary>
    public int CountExtractRows()
    {
        var count = File.ReadLines(ExtractPath).Count(line => !string.IsNullOrWhiteSpace(line));
        return Math.Max(0, count - 1);
    }

    /// <summary>
    /// Derives an idempotency key from the contents of every input file and the upload options, so
    /// that running the same upload again is a no-op on the gateway.
    /// </summary>
    public string ComputeIdempotencyKey(params string[] options)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AppendFile(hash, ExtractPath);
        if (ContactsPath is not null && Directory.Exists(ContactsPath))
        {
            foreach (var file in Directory.EnumerateFiles(ContactsPath).Order(StringComparer.Ordinal))
            {
                hash.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(file) + "\n"));
                AppendFile(hash, file);
            }
        }
        else if (ContactsPath is not null)
        {
            AppendFile(hash, ContactsPath);
        }

        foreach (var option in options)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(option + "\n"));
        }

        return "gatewayctl-" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void AppendFile(IncrementalHash hash, string path)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            hash.AppendData(buffer.AsSpan(0, read));
        }

        // A separator keeps the boundary between files part of the hash.
        hash.AppendData("\n--\n"u8);
    }
}
