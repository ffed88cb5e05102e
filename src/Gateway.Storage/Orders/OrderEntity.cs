using Gateway.Domain;
using Gateway.Storage.Tenancy;

namespace Gateway.Storage.Orders;

/// <summary>
/// An order of video SSR sets with the snapshot of its line items and students taken when it was
/// placed. Later price or roster changes do not alter it.
/// </summary>
public sealed class OrderEntity : ILeaOwned
{
    public Guid Id { get; set; }
    public string LeaCode { get; set; } = "";
    public string SchoolYear { get; set; } = "";
    public Assessment Assessment { get; set; }
    public bool Cancelled { get; set; }
    public string PurchaseOrderNumber { get; set; } = "";
    public string IdempotencyKey { get; set; } = "";

    /// <summary>SHA-256 of the canonical request, hex; compared when an idempotency key is reused.</summary>
    public string RequestHash { get; set; } = "";
    public string QuoteId { get; set; } = "";
    public bool TextedLinks { get; set; }
    public int SetCount { get; set; }
    public int TextedLinkCount { get; set; }
    public decimal Total { get; set; }
    public string Currency { get; set; } = "USD";
    public long RosterVersion { get; set; }
    public DateTimeOffset CreateTime { get; set; }

    /// <summary>UTC ticks of <see cref="CreateTime"/>, for ordering and paging in SQL.</summary>
    public long CreateTicks { get; set; }
    public DateTimeOffset? CancelTime { get; set; }
    public List<OrderLineItemEntity> LineItems { get; set; } = [];
    public List<OrderStudentEntity> Students { get; set; } = [];
}

/// <summary>A priced line of an order.</summary>
public sealed class OrderLineItemEntity
{
    public long Id { get; set; }
    public Guid OrderId { get; set; }

    /// <summary>1 for a video set, 2 for the texted-link option (the contract's LineItemKind).</summary>
    public int Kind { get; set; }
    public string Description { get; set; } = "";
    public int Quantity { get; set; }
    public decimal UnitPrice { get; set; }
    public decimal Amount { get; set; }
}

/// <summary>An ordered student as it was when the order was placed.</summary>
public sealed class OrderStudentEntity : ILeaOwned
{
    public long Id { get; set; }
    public Guid OrderId { get; set; }
    public string LeaCode { get; set; } = "";
    public string SchoolYear { get; set; } = "";
    public Assessment Assessment { get; set; }
    public string Ssid { get; set; } = "";
    public string LocalStudentId { get; set; } = "";
    public string SchoolCdsCode { get; set; } = "";

    /// <summary>Second video's language; English when the set is English only.</summary>
    public VideoLanguage PrimaryVideoLanguage { get; set; }
    public bool TextedLink { get; set; }

    /// <summary>Guardians' portal account ids, in guardian order, separated by '\n'.</summary>
    public string GuardianPortalAccountIds { get; set; } = "";

    /// <summary>Copy of the order's state, so publishing can find active students with one query.</summary>
    public bool Cancelled { get; set; }
}
