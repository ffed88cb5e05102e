namespace Gateway.Imports;

/// <summary>
/// Finds columns by name, ignoring case, spaces, underscores and hyphens, and accepting known
/// misspellings seen in SIS exports. Position in the header never matters.
/// </summary>
internal sealed class HeaderMap
{
    private readonly Dictionary<string, int> indexByCanonical = new(StringComparer.Ordinal);

    /// <param name="names">The header row as written.</param>
    /// <param name="columns">Each canonical column name with its accepted variants.</param>
    /// <param name="isKnownExtra">Accepts columns that are expected but not read, so they are not reported as unknown.</param>
    public HeaderMap(IReadOnlyList<string> names, IReadOnlyDictionary<string, string[]> columns, Func<string, bool>? isKnownExtra = null)
    {
        Names = names;
        var canonicalByKey = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (canonical, variants) in columns)
        {
            canonicalByKey[Normalize(canonical)] = canonical;
            foreach (var variant in variants)
            {
                canonicalByKey[Normalize(variant)] = canonical;
            }
        }

        var unknown = new List<string>();
        for (var index = 0; index < names.Count; index++)
        {
            var key = Normalize(names[index]);
            if (key.Length == 0)
            {
                // Trailing empty columns, which spreadsheet programs add.
                continue;
            }

            if (canonicalByKey.TryGetValue(key, out var canonical))
            {
                indexByCanonical.TryAdd(canonical, index);
            }
            else if (isKnownExtra is null || !isKnownExtra(key))
            {
                unknown.Add(names[index].Trim());
            }
        }

        UnknownColumns = unknown.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    public IReadOnlyList<string> Names { get; }

    public IReadOnlyList<string> UnknownColumns { get; }

    /// <summary>The column index, or -1 when the header lacks the column.</summary>
    public int IndexOf(string canonical) => indexByCanonical.GetValueOrDefault(canonical, -1);

    public bool Contains(string canonical) => indexByCanonical.ContainsKey(canonical);

    /// <summary>Lower-cases the name and drops whitespace, underscores, hyphens and a stray BOM.</summary>
    public static string Normalize(string name)
    {
        Span<char> buffer = name.Length <= 256 ? stackalloc char[name.Length] : new char[name.Length];
        var length = 0;
        foreach (var character in name)
        {
            if (char.IsWhiteSpace(character) || character is '_' or '-' or '\uFEFF')
            {
                continue;
            }

            buffer[length++] = char.ToLowerInvariant(character);
        }

        return new string(buffer[..length]);
    }
}
