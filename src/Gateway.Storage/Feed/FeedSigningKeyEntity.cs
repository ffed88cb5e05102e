namespace Gateway.Storage.Feed;

/// <summary>
/// The key that signs resume tokens when none is configured; one row, created on first use, so
/// tokens stay valid across restarts and replicas that share the database.
/// </summary>
public sealed class FeedSigningKeyEntity
{
    public int Id { get; set; }
    public byte[] Key { get; set; } = [];
}
