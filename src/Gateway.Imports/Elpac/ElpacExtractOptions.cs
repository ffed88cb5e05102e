namespace Gateway.Imports;

/// <summary>Settings for reading an ELPAC Student Score Data Extract.</summary>
public sealed record ElpacExtractOptions
{
    /// <summary>
    /// The project's default mapping from <c>RecordType</c> to assessment: <c>01</c> Summative
    /// ELPAC, <c>02</c> Summative Alternate ELPAC, <c>03</c> Initial ELPAC and <c>04</c> Initial
    /// Alternate ELPAC. Values are compared after trimming, ignoring case.
    /// </summary>
    /// <remarks>
    /// NOTE: these values are this project's choice, not copied from a CDE file layout. A district
    /// whose extract uses other values passes its own map in <see cref="RecordTypes"/>.
    /// </remarks>
    public static IReadOnlyDictionary<string, ElpacAssessment> DefaultRecordTypes { get; } =
        new Dictionary<string, ElpacAssessment>(StringComparer.OrdinalIgnoreCase)
        {
            ["01"] = ElpacAssessment.SummativeElpac,
            ["02"] = ElpacAssessment.SummativeAlternateElpac,
            ["03"] = ElpacAssessment.InitialElpac,
            ["04"] = ElpacAssessment.InitialAlternateElpac,
        };

    /// <summary>The assessments for which video score reports are offered.</summary>
    public static IReadOnlySet<ElpacAssessment> DefaultVideoAssessments { get; } =
        new HashSet<ElpacAssessment> { ElpacAssessment.SummativeElpac, ElpacAssessment.InitialElpac };

    /// <summary><c>RecordType</c> value to assessment. A value missing here rejects the row.</summary>
    public IReadOnlyDictionary<string, ElpacAssessment> RecordTypes { get; init; } = DefaultRecordTypes;

    /// <summary>Assessments imported; rows of any other mapped assessment are rejected as not offered.</summary>
    public IReadOnlySet<ElpacAssessment> VideoAssessments { get; init; } = DefaultVideoAssessments;

    public TextEncodingChoice Encoding { get; init; } = TextEncodingChoice.Detect;
}
