namespace Gateway.Domain.Tenancy;

/// <summary>
/// A 14-digit County-District-School code: 2 county digits, 5 district digits and 7 school
/// digits. A district's own record has the school part <c>0000000</c>; an independently
/// reporting charter is identified by its school's code.
/// </summary>
public readonly record struct CdsCode
{
    public const int Length = 14;
    private const string DistrictSchoolPart = "0000000";

    private CdsCode(string value) => Value = value;

    /// <summary>The 14 digits.</summary>
    public string Value { get; }

    /// <summary>The first 7 digits: county and district.</summary>
    public string CountyDistrict => Value[..7];

    /// <summary>The last 7 digits: the school, or <c>0000000</c> for a district.</summary>
    public string School => Value[7..];

    /// <summary>True when the code names a district rather than one school.</summary>
    public bool IsDistrict => School == DistrictSchoolPart;

    /// <summary>
    /// Parses a code after trimming surrounding whitespace. Returns false unless exactly 14 ASCII
    /// digits remain.
    /// </summary>
    public static bool TryParse(string? text, out CdsCode code)
    {
        code = default;
        var trimmed = text?.Trim();
        if (trimmed is null || trimmed.Length != Length || !trimmed.All(char.IsAsciiDigit))
        {
            return false;
        }

        code = new CdsCode(trimmed);
        return true;
    }

    /// <summary>Parses a code or throws <see cref="FormatException"/> naming the value.</summary>
    public static CdsCode Parse(string? text) =>
        TryParse(text, out var code)
            ? code
            : throw new FormatException($"'{text}' is not a CDS code: expected exactly {Length} digits.");

    /// <summary>
    /// Whether a school belongs to this LEA: a district owns every school with its county and
    /// district digits, and a charter LEA owns only its own code.
    /// </summary>
    public bool OwnsSchool(CdsCode school) =>
        IsDistrict ? school.CountyDistrict == CountyDistrict : school.Value == Value;

    public override string ToString() => Value;
}
