namespace Gateway.Storage.Tenancy;

/// <summary>
/// An API client (an SIS vendor integration) and the LEAs it may request tokens for. The OAuth
/// credentials themselves, with the hashed secret and the allowed scopes, are the OpenIddict
/// application of the same client id.
/// </summary>
public sealed class ClientRegistrationEntity
{
    public string ClientId { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public DateTimeOffset CreateTime { get; set; }

    /// <summary>When the client was revoked; null while it is active.</summary>
    public DateTimeOffset? RevokeTime { get; set; }

    public List<ClientLeaEntity> Leas { get; set; } = [];
}

/// <summary>One LEA a client is registered for.</summary>
public sealed class ClientLeaEntity
{
    public string ClientId { get; set; } = "";

    public string LeaCode { get; set; } = "";
}
