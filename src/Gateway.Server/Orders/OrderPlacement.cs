using System.Globalization;
using System.Security.Cryptography;
using Gateway.Domain.Orders;
using Gateway.Server.Pricing;
using Gateway.Server.Roster;
using Gateway.Server.Rpc;
using Gateway.Storage;
using Gateway.Storage.Orders;
using Gateway.Storage.Roster;
using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using Proto = SsrGateway.V1;

namespace Gateway.Server.Orders;

/// <summary>
/// Places orders for the token's LEA: idempotency, the order window, the quote and its roster
/// version, and the snapshot of line items and students at the prices in force.
/// </summary>
internal sealed class OrderPlacement(
    GatewayDbContext db,
    QuoteService quotes,
    RosterStore roster,
    OrderWindowGuard window,
    TimeProvider time,
    ILogger<OrderPlacement> logger)
{
    public const int MaxIdempotencyKeyLength = 128;
    public const int MaxPurchaseOrderNumberLength = 64;
    private const int StudentPageSize = 500;

    public async Task<OrderEntity> PlaceAsync(Proto.PlaceOrderRequest request, CancellationToken cancellationToken)
    {
        var key = ValidateRequest(request);
        var hash = RequestHash(request);
        if (await FindByKeyAsync(key, cancellationToken) is { } existing)
        {
            return Replay(existing, hash);
        }

        await EnsureQuoteNotOrderedAsync(request, cancellationToken);
        var quote = await ResolveQuoteAsync(request, cancellationToken);
        var administration = RosterMapping.ToDomain(quote.Administration, "administration");
        var students = await SnapshotStudentsAsync(administration, quote, cancellationToken);
        var order = BuildOrder(request, quote, key, hash, students);

        db.Orders.Add(order);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent call may have committed first: with the same key it is returned as a
            // replay, and with another key for the same quote this call is rejected.
            db.ChangeTracker.Clear();
            var raced = await FindByKeyAsync(key, cancellationToken);
            if (raced is not null)
            {
                return Replay(raced, hash);
            }

            await EnsureQuoteNotOrderedAsync(request, cancellationToken);
            throw;
        }

        OrderLog.OrderPlaced(logger, order.Id, order.LeaCode, administration.ToString(), order.SetCount, order.TextedLinkCount, order.Total);
        return order;
    }

    private async Task EnsureQuoteNotOrderedAsync(Proto.PlaceOrderRequest request, CancellationToken cancellationToken)
    {
        if (request.SourceCase != Proto.PlaceOrderRequest.SourceOneofCase.QuoteId || request.QuoteId.Length == 0)
        {
            return;
        }

        var existing = await db.Orders.AsNoTracking()
            .Where(o => o.QuoteId == request.QuoteId)
            .Select(o => (Guid?)o.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is { } orderId)
        {
            OrderLog.OrderRejected(logger, db.CurrentLeaCode ?? "", "quote already ordered");
            throw RpcErrors.FailedPrecondition(
                "QUOTE_ALREADY_ORDERED",
                $"Quote '{request.QuoteId}' was already ordered as order {orderId:N}. Get that order with GetOrder, or request a new quote to order again.",
                new Dictionary<string, string> { ["order_id"] = orderId.ToString("N") });
        }
    }

    private static string ValidateRequest(Proto.PlaceOrderRequest request)
    {
        var key = request.IdempotencyKey.Trim();
        if (key.Length == 0)
        {
            RpcErrors.ThrowInvalidField("idempotency_key", "an idempotency key is required; send a new unique value, for example a UUID, per order");
        }

        if (key.Length > MaxIdempotencyKeyLength)
        {
            RpcErrors.ThrowInvalidField("idempotency_key", $"the idempotency key is {key.Length} characters long; the maximum is {MaxIdempotencyKeyLength}");
        }

        if (request.PurchaseOrderNumber.Trim().Length > MaxPurchaseOrderNumberLength)
        {
            RpcErrors.ThrowInvalidField("purchase_order_number", $"the purchase-order number is longer than {MaxPurchaseOrderNumberLength} characters");
        }

        if (request.SourceCase == Proto.PlaceOrderRequest.SourceOneofCase.None)
        {
            RpcErrors.ThrowInvalidField("quote_id", "set quote_id or selection");
        }

        return key;
    }

    // The key is left out, so the hash compares what the order is, not how it is named.
    private static string RequestHash(Proto.PlaceOrderRequest request)
    {
        var copy = request.Clone();
        copy.IdempotencyKey = "";
        copy.PurchaseOrderNumber = copy.PurchaseOrderNumber.Trim();
        return Convert.ToHexStringLower(SHA256.HashData(copy.ToByteArray()));
    }

    private Task<OrderEntity?> FindByKeyAsync(string key, CancellationToken cancellationToken) =>
        db.Orders.AsNoTracking().Include(o => o.LineItems).FirstOrDefaultAsync(o => o.IdempotencyKey == key, cancellationToken);

    private OrderEntity Replay(OrderEntity existing, string hash)
    {
        if (existing.RequestHash != hash)
        {
            OrderLog.OrderRejected(logger, existing.LeaCode, "idempotency key reused");
            throw RpcErrors.FailedPrecondition(
                "IDEMPOTENCY_KEY_REUSED",
                $"The idempotency key was already used by order {existing.Id:N} with a different request. Use a new key for a new order.",
                new Dictionary<string, string> { ["order_id"] = existing.Id.ToString("N") });
        }

        OrderLog.OrderReplayed(logger, existing.Id, existing.LeaCode);
        return existing;
    }

    private async Task<Proto.Quote> ResolveQuoteAsync(Proto.PlaceOrderRequest request, CancellationToken cancellationToken)
    {
        if (request.SourceCase == Proto.PlaceOrderRequest.SourceOneofCase.Selection)
        {
            var administration = RosterMapping.ToDomain(request.Selection.Administration, "selection.administration");
            window.EnsureOpen(administration);
            return await quotes.QuoteAsync(administration, request.Selection.Selection, request.Selection.TextedLinks, cancellationToken);
        }

        var quote = await quotes.FindQuoteAsync(request.QuoteId, cancellationToken)
            ?? throw RpcErrors.NotFound($"Quote '{request.QuoteId}' was not found or has expired. Request a new quote with QuoteOrder.");
        var quoted = RosterMapping.ToDomain(quote.Administration, "administration");
        window.EnsureOpen(quoted);
        var version = await quotes.GetRosterVersionAsync(quoted, cancellationToken);
        if (version != quote.RosterVersion)
        {
            throw RosterChanged(quote.RosterVersion, version);
        }

        return quote;
    }

    // Reads the selected students page by page, then checks that the roster did not change since
    // the quote, so the snapshot matches what was priced.
    // NOTE: a student already in another active order of the administration is ordered again and
    // counted as a second set. The quote does not flag it either.
    private async Task<List<OrderStudentEntity>> SnapshotStudentsAsync(Domain.Administration administration, Proto.Quote quote, CancellationToken cancellationToken)
    {
        var filter = quote.Selection.Ssids.Count > 0
            ? StudentFilter.None with { Ssids = quote.Selection.Ssids.Distinct().ToList() }
            : RosterGrpcService.ToFilter(quote.Selection.SchoolCdsCodes, quote.Selection.Grades, quote.Selection.VideoLanguages, "selection.");
        var students = new List<OrderStudentEntity>();
        string? after = null;
        while (true)
        {
            var page = await roster.ListStudentsAsync(administration, filter, after, StudentPageSize, cancellationToken);
            students.AddRange(page.Select(s => ToSnapshot(s, quote.TextedLinks)));
            if (page.Count < StudentPageSize)
            {
                break;
            }

            after = page[^1].Ssid;
        }

        var version = await quotes.GetRosterVersionAsync(administration, cancellationToken);
        if (version != quote.RosterVersion || students.Count != quote.SetCount)
        {
            throw RosterChanged(quote.RosterVersion, version);
        }

        if (students.Count == 0)
        {
            RpcErrors.ThrowInvalidField("selection", "the selection matches no student on the roster; upload the roster or widen the selection");
        }

        return students;
    }

    private static OrderStudentEntity ToSnapshot(StudentEntity student, bool textedLinks) => new()
    {
        SchoolYear = student.SchoolYear,
        Assessment = student.Assessment,
        Ssid = student.Ssid,
        LocalStudentId = student.LocalStudentId,
        SchoolCdsCode = student.SchoolCdsCode,
        PrimaryVideoLanguage = student.PrimaryVideoLanguage,
        TextedLink = textedLinks && TextedLinkRule.IsEligible(student.Guardians.Select(g => (g.Textable, g.TextingConsent))),
        GuardianPortalAccountIds = string.Join('\n', student.Guardians.OrderBy(g => g.Ordinal).Select(g => g.PortalAccountId).Where(id => id.Length > 0)),
    };

    private OrderEntity BuildOrder(Proto.PlaceOrderRequest request, Proto.Quote quote, string key, string hash, List<OrderStudentEntity> students)
    {
        var now = time.GetUtcNow();
        var order = new OrderEntity
        {
            Id = Guid.CreateVersion7(now),
            SchoolYear = quote.Administration.SchoolYear,
            Assessment = (Domain.Assessment)(int)quote.Administration.Assessment,
            PurchaseOrderNumber = request.PurchaseOrderNumber.Trim(),
            IdempotencyKey = key,
            RequestHash = hash,
            QuoteId = request.SourceCase == Proto.PlaceOrderRequest.SourceOneofCase.QuoteId ? quote.QuoteId : "",
            TextedLinks = quote.TextedLinks,
            SetCount = quote.SetCount,
            TextedLinkCount = quote.TextedLinkCount,
            Total = PricingMapping.ToDecimal(quote.Total),
            Currency = quote.Total.CurrencyCode,
            RosterVersion = quote.RosterVersion,
            CreateTime = now,
            CreateTicks = now.UtcTicks,
            Students = students,
        };
        order.LineItems.AddRange(quote.LineItems.Select(l => new OrderLineItemEntity
        {
            Kind = (int)l.Kind,
            Description = l.Description,
            Quantity = l.Quantity,
            UnitPrice = PricingMapping.ToDecimal(l.UnitPrice),
            Amount = PricingMapping.ToDecimal(l.Amount),
        }));
        return order;
    }

    private static Grpc.Core.RpcException RosterChanged(long quoted, long current) =>
        RpcErrors.FailedPrecondition(
            "ROSTER_CHANGED",
            $"The roster changed since the quote (quoted version {quoted}, current version {current}). Request a new quote and order again.",
            new Dictionary<string, string>
            {
                ["quoted_roster_version"] = quoted.ToString(CultureInfo.InvariantCulture),
                ["current_roster_version"] = current.ToString(CultureInfo.InvariantCulture),
            });
}
