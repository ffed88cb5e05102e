namespace Gateway.Storage.Feed;

/// <summary>
/// The key that signs resume tokens when none is configured. The single row is created on first
/// use, so tokens stay valid across restarts and across replicas that share the database.
/// </summary>
public sealed class FeedSigningKeyEntity
{
    public int Id { get; set; }
    public byte[] Key { get; set; } = [];
}
