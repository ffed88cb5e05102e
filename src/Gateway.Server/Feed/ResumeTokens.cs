using System.Security.Cryptography;
using Gateway.Domain.Feed;
using Gateway.Storage;
using Gateway.Storage.Feed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gateway.Server.Feed;

/// <summary>
/// Issues and checks resume tokens with the configured key, or with the key stored in the
/// database when none is configured.
/// </summary>
internal sealed class ResumeTokens(IOptions<LinkFeedOptions> options, IServiceScopeFactory scopes)
{
    private const int StoredKeyId = 1;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ResumeTokenCodec? _codec;

    /// <summary>Returns the codec, loading or creating the signing key on first use.</summary>
    public async ValueTask<ResumeTokenCodec> GetCodecAsync(CancellationToken cancellationToken)
    {
        if (_codec is { } codec)
        {
            return codec;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            _codec ??= new ResumeTokenCodec(await LoadKeyAsync(cancellationToken));
            return _codec;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<byte[]> LoadKeyAsync(CancellationToken cancellationToken)
    {
        var configured = options.Value.ResumeTokenKey;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Convert.FromBase64String(configured);
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        var stored = await db.FeedSigningKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == StoredKeyId, cancellationToken);
        if (stored is not null)
        {
            return stored.Key;
        }

        db.FeedSigningKeys.Add(new FeedSigningKeyEntity { Id = StoredKeyId, Key = RandomNumberGenerator.GetBytes(32) });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another replica stored its key first; everyone uses that one.
            db.ChangeTracker.Clear();
        }

        stored = await db.FeedSigningKeys.AsNoTracking().FirstAsync(k => k.Id == StoredKeyId, cancellationToken);
        return stored.Key;
    }
}
