using Gateway.Storage;
using Gateway.Storage.Feed;
using Google.Protobuf.Collections;
using Microsoft.EntityFrameworkCore;
using SsrGateway.V1;

namespace Gateway.Server.Feed;

/// <summary>Stores the portal's acknowledgements of the token LEA's link updates.</summary>
internal sealed class LinkAcknowledgements(GatewayDbContext db, TimeProvider time)
{
    /// <summary>Maximum acknowledgements per request.</summary>
    public const int MaxPerRequest = 1000;

    /// <summary>Maximum length of a failure reason.</summary>
    public const int MaxReasonLength = 500;

    public async Task<AcknowledgeLinkUpdatesResponse> RecordAsync(RepeatedField<LinkAcknowledgement> items, CancellationToken cancellationToken)
    {
        if (items.Count > MaxPerRequest)
        {
            Rpc.RpcErrors.ThrowInvalidField("acknowledgements", $"{items.Count} acknowledgements were sent; send at most {MaxPerRequest} per request");
        }

        try
        {
            return await RecordOnceAsync(items, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent call stored one of these sequences first; the second pass finds its row.
            db.ChangeTracker.Clear();
            return await RecordOnceAsync(items, cancellationToken);
        }
    }

    private async Task<AcknowledgeLinkUpdatesResponse> RecordOnceAsync(RepeatedField<LinkAcknowledgement> items, CancellationToken cancellationToken)
    {
        var sequences = items.Select(i => i.Sequence).Distinct().ToList();
        var linkIds = await FindLinkIdsAsync(sequences, cancellationToken);
        var stored = await db.LinkAcknowledgements
            .Where(a => sequences.Contains(a.Sequence))
            .ToDictionaryAsync(a => a.Sequence, cancellationToken);

        var response = new AcknowledgeLinkUpdatesResponse();
        var now = time.GetUtcNow();
        for (var index = 0; index < items.Count; index++)
        {
            var outcome = Apply(index, items[index], linkIds, stored, now);
            response.Outcomes.Add(outcome);
            switch (outcome.Result)
            {
                case AcknowledgementResult.Recorded: response.RecordedCount++; break;
                case AcknowledgementResult.Unchanged: response.UnchangedCount++; break;
                default: response.RejectedCount++; break;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return response;
    }

    private AcknowledgementOutcome Apply(
        int index, LinkAcknowledgement item, Dictionary<long, long> linkIds,
        Dictionary<long, LinkAcknowledgementEntity> stored, DateTimeOffset now)
    {
        var outcome = new AcknowledgementOutcome { Index = index, Sequence = item.Sequence };
        var reason = item.Reason.Trim();

        // The reason is shown in reports and CSV exports, where a control or bidirectional format
        // character could hide or reorder text.
        var unsafeCharacter = Gateway.Domain.UnsafeCharacters.Describe(reason, rejectWhitespace: false);
        var invalid = item.Status switch
        {
            AcknowledgementStatus.Written when reason.Length > 0 => "a WRITTEN acknowledgement takes no reason",
            AcknowledgementStatus.Written => null,
            AcknowledgementStatus.Failed when reason.Length == 0 => "a FAILED acknowledgement needs a reason",
            AcknowledgementStatus.Failed when reason.Length > MaxReasonLength => $"the reason is {reason.Length} characters long; the maximum is {MaxReasonLength}",
            AcknowledgementStatus.Failed when unsafeCharacter is not null => $"the reason contains {unsafeCharacter}; remove it",
            AcknowledgementStatus.Failed => null,
            _ => "status must be WRITTEN or FAILED",
        };
        if (invalid is not null)
        {
            outcome.Result = AcknowledgementResult.Invalid;
            outcome.Detail = $"acknowledgements[{index}]: {invalid}";
            return outcome;
        }

        if (!linkIds.TryGetValue(item.Sequence, out var linkId))
        {
            outcome.Result = AcknowledgementResult.UnknownSequence;
            outcome.Detail = $"acknowledgements[{index}].sequence: no update {item.Sequence} is in this LEA's feed";
            return outcome;
        }

        var written = item.Status == AcknowledgementStatus.Written;
        if (stored.TryGetValue(item.Sequence, out var existing))
        {
            if (existing.Written == written && existing.Reason == reason)
            {
                outcome.Result = AcknowledgementResult.Unchanged;
                return outcome;
            }

            existing.Written = written;
            existing.Reason = reason;
            existing.AcknowledgeTime = now;
        }
        else
        {
            var entity = new LinkAcknowledgementEntity { Sequence = item.Sequence, LinkId = linkId, Written = written, Reason = reason, AcknowledgeTime = now };
            db.LinkAcknowledgements.Add(entity);
            stored[item.Sequence] = entity;
        }

        outcome.Result = AcknowledgementResult.Recorded;
        return outcome;
    }

    // Looks in history first and then at each link's latest sequence, which survives pruning.
    private async Task<Dictionary<long, long>> FindLinkIdsAsync(List<long> sequences, CancellationToken cancellationToken)
    {
        var found = await db.LinkUpdates.AsNoTracking()
            .Where(u => sequences.Contains(u.Sequence))
            .Select(u => new { u.Sequence, u.LinkId })
            .ToDictionaryAsync(u => u.Sequence, u => u.LinkId, cancellationToken);
        var missing = sequences.Where(s => !found.ContainsKey(s)).ToList();
        if (missing.Count > 0)
        {
            var current = await db.VideoLinks.AsNoTracking()
                .Where(l => missing.Contains(l.LastSequence))
                .Select(l => new { l.LastSequence, l.Id })
                .ToListAsync(cancellationToken);
            foreach (var link in current)
            {
                found[link.LastSequence] = link.Id;
            }
        }

        return found;
    }
}
