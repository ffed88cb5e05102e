using Gateway.Domain.Feed;
using Gateway.Storage.Feed;
using Google.Protobuf.WellKnownTypes;
using V1 = SsrGateway.V1;

namespace Gateway.Server.Feed;

/// <summary>Maps stored feed rows to the contract's <see cref="V1.LinkUpdate"/>.</summary>
internal static class LinkUpdateMapper
{
    public static V1.LinkUpdate FromHistory(LinkUpdateEntity row, PortalFieldMapping mapping, string resumeToken)
    {
        var update = Create(row.ChangeType, row.SchoolYear, row.Assessment, row.Ssid, row.LocalStudentId, row.SchoolCdsCode,
            row.GuardianPortalAccountIds, row.Language, row.Url, row.ExpireTime, mapping);
        update.Sequence = row.Sequence;
        update.CommitTime = Timestamp.FromDateTimeOffset(row.CommitTime);
        update.ResumeToken = resumeToken;
        return update;
    }

    public static V1.LinkUpdate FromSnapshot(VideoLinkEntity link, PortalFieldMapping mapping)
    {
        var update = Create(link.State, link.SchoolYear, link.Assessment, link.Ssid, link.LocalStudentId, link.SchoolCdsCode,
            link.GuardianPortalAccountIds, link.Language, link.Url, link.ExpireTime, mapping);
        update.Sequence = link.LastSequence;
        update.CommitTime = Timestamp.FromDateTimeOffset(link.UpdateTime);
        update.FromSnapshot = true;
        return update;
    }

    public static V1.Administration ToContract(string schoolYear, Gateway.Domain.Assessment assessment) =>
        new() { SchoolYear = schoolYear, Assessment = (V1.Assessment)(int)assessment };

    public static IEnumerable<string> SplitAccounts(string joined) =>
        joined.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static V1.LinkUpdate Create(
        LinkChangeType change, string schoolYear, Gateway.Domain.Assessment assessment, string ssid, string localStudentId,
        string school, string accounts, Gateway.Domain.VideoLanguage language, string url, DateTimeOffset? expireTime,
        PortalFieldMapping mapping)
    {
        var update = new V1.LinkUpdate
        {
            ChangeType = (V1.LinkChangeType)(int)change,
            Administration = ToContract(schoolYear, assessment),
            Ssid = ssid,
            LocalStudentId = localStudentId,
            SchoolCdsCode = school,
            Language = (V1.VideoLanguage)(int)language,
            Label = LinkLabels.LabelFor(language),
            Url = url,
        };
        update.GuardianPortalAccountIds.AddRange(SplitAccounts(accounts));
        if (expireTime is { } expire && change != LinkChangeType.Revoked)
        {
            update.ExpireTime = Timestamp.FromDateTimeOffset(expire);
        }

        foreach (var (key, value) in mapping.ComputeWrites(language, change, url, expireTime))
        {
            update.PortalFieldWrites[key] = value;
        }

        return update;
    }
}
