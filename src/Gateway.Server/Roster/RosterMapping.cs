using Gateway.Domain.Roster;
using Gateway.Server.Rpc;
using Gateway.Storage.Roster;
using Google.Protobuf.WellKnownTypes;
using Proto = SsrGateway.V1;

namespace Gateway.Server.Roster;

/// <summary>Conversions between the roster contracts and the domain and storage types.</summary>
internal static class RosterMapping
{
    /// <summary>
    /// Validates a contract administration; throws INVALID_ARGUMENT naming <paramref name="field"/>
    /// and its sub-fields when it is missing or malformed.
    /// </summary>
    public static Domain.Administration ToDomain(Proto.Administration? administration, string field)
    {
        if (administration is null)
        {
            throw RpcErrors.InvalidField(field, "administration is required");
        }

        if (!Domain.Administration.TryParseSchoolYear(administration.SchoolYear, out var schoolYear, out var error))
        {
            throw RpcErrors.InvalidField($"{field}.school_year", error);
        }

        var assessment = administration.Assessment switch
        {
            Proto.Assessment.SummativeElpac => Domain.Assessment.SummativeElpac,
            Proto.Assessment.InitialElpac => Domain.Assessment.InitialElpac,
            _ => throw RpcErrors.InvalidField($"{field}.assessment", "assessment must be ASSESSMENT_SUMMATIVE_ELPAC or ASSESSMENT_INITIAL_ELPAC"),
        };
        return new Domain.Administration(schoolYear, assessment);
    }

    public static Proto.Administration ToProto(Domain.Administration administration) => new()
    {
        SchoolYear = administration.SchoolYear,
        Assessment = administration.Assessment switch
        {
            Domain.Assessment.SummativeElpac => Proto.Assessment.SummativeElpac,
            Domain.Assessment.InitialElpac => Proto.Assessment.InitialElpac,
            _ => Proto.Assessment.Unspecified,
        },
    };

    /// <summary>Maps a video language; returns null for UNSPECIFIED or an unknown number.</summary>
    public static Domain.VideoLanguage? ToDomain(Proto.VideoLanguage language) => language switch
    {
        Proto.VideoLanguage.English => Domain.VideoLanguage.English,
        Proto.VideoLanguage.Spanish => Domain.VideoLanguage.Spanish,
        Proto.VideoLanguage.Vietnamese => Domain.VideoLanguage.Vietnamese,
        Proto.VideoLanguage.Mandarin => Domain.VideoLanguage.Mandarin,
        Proto.VideoLanguage.Filipino => Domain.VideoLanguage.Filipino,
        _ => null,
    };

    public static Proto.VideoLanguage ToProto(Domain.VideoLanguage language) => language switch
    {
        Domain.VideoLanguage.English => Proto.VideoLanguage.English,
        Domain.VideoLanguage.Spanish => Proto.VideoLanguage.Spanish,
        Domain.VideoLanguage.Vietnamese => Proto.VideoLanguage.Vietnamese,
        Domain.VideoLanguage.Mandarin => Proto.VideoLanguage.Mandarin,
        Domain.VideoLanguage.Filipino => Proto.VideoLanguage.Filipino,
        _ => Proto.VideoLanguage.Unspecified,
    };

    public static RosterUploadMode? ToDomain(Proto.UploadMode mode) => mode switch
    {
        Proto.UploadMode.Full => RosterUploadMode.Full,
        Proto.UploadMode.Delta => RosterUploadMode.Delta,
        _ => null,
    };

    public static Proto.UploadMode ToProto(RosterUploadMode mode) =>
        mode == RosterUploadMode.Full ? Proto.UploadMode.Full : Proto.UploadMode.Delta;

    /// <summary>
    /// Maps a submitted record. Texting consent UNSPECIFIED counts as unknown; a number outside
    /// the enum is passed on so that validation rejects it.
    /// </summary>
    public static StudentInput ToInput(Proto.StudentRecord record) => new(
        record.Ssid,
        record.LocalStudentId,
        record.FirstName,
        record.MiddleName,
        record.LastName,
        record.Grade,
        record.SchoolCdsCode,
        record.PrimaryLanguageCode,
        [.. record.Guardians.Select(g => new GuardianInput(
            g.Name,
            g.Relationship,
            g.MobilePhone,
            g.TextingConsent switch
            {
                Proto.TextingConsent.Unspecified or Proto.TextingConsent.Unknown => Domain.TextingConsent.Unknown,
                Proto.TextingConsent.Yes => Domain.TextingConsent.Yes,
                Proto.TextingConsent.No => Domain.TextingConsent.No,
                // An undefined value is passed on as sent. It lies outside 0-3, so it is no domain
                // value either, and the validator reports it with the number the client sent.
                _ => (Domain.TextingConsent)(int)g.TextingConsent,
            },
            g.PreferredLanguage,
            g.PortalAccountId))]);

    public static Proto.TextingConsent ToProto(Domain.TextingConsent consent) => consent switch
    {
        Domain.TextingConsent.Yes => Proto.TextingConsent.Yes,
        Domain.TextingConsent.No => Proto.TextingConsent.No,
        _ => Proto.TextingConsent.Unknown,
    };

    public static Proto.Student ToProto(StudentEntity student)
    {
        var result = new Proto.Student
        {
            Administration = ToProto(new Domain.Administration(student.SchoolYear, student.Assessment)),
            Ssid = student.Ssid,
            LocalStudentId = student.LocalStudentId,
            FirstName = student.FirstName,
            MiddleName = student.MiddleName,
            LastName = student.LastName,
            Grade = student.Grade,
            SchoolCdsCode = student.SchoolCdsCode,
            PrimaryLanguageCode = student.PrimaryLanguageCode,
            PrimaryVideoLanguage = ToProto(student.PrimaryVideoLanguage),
            UpdateTime = Timestamp.FromDateTimeOffset(student.UpdateTime),
        };
        foreach (var guardian in student.Guardians.OrderBy(g => g.Ordinal))
        {
            result.Guardians.Add(new Proto.Guardian
            {
                Name = guardian.Name,
                Relationship = guardian.Relationship,
                MobilePhoneE164 = guardian.MobilePhoneE164,
                MobilePhoneExtension = guardian.MobilePhoneExtension,
                Textable = guardian.Textable,
                NotTextableReason = guardian.NotTextableReason ?? "",
                TextingConsent = ToProto(guardian.TextingConsent),
                PreferredLanguage = guardian.PreferredLanguage,
                PortalAccountId = guardian.PortalAccountId,
            });
        }

        return result;
    }
}
