using Gateway.Storage;
using Microsoft.Extensions.Caching.Memory;

namespace Gateway.Server.Auth;

/// <summary>
/// Checks that a token's client is neither revoked nor unregistered from the token's LEA. Each
/// result is cached per (client, LEA) for <see cref="RecheckInterval"/>, so a revocation takes
/// effect within that interval on every request and every open watch of this replica.
/// </summary>
internal sealed class ActiveClientCheck(IMemoryCache cache, TenantAdministration tenants)
{
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Returns whether the client may still act for <paramref name="leaCode"/> (for any LEA when
    /// null). <paramref name="bypassCache"/> reads the database and refreshes the cached result.
    /// </summary>
    public async ValueTask<bool> IsActiveAsync(string clientId, string? leaCode, bool bypassCache, CancellationToken cancellationToken)
    {
        var key = (clientId, leaCode);
        if (!bypassCache && cache.TryGetValue(key, out bool cached))
        {
            return cached;
        }

        var active = await tenants.IsActiveForLeaAsync(clientId, leaCode, cancellationToken);
        cache.Set(key, active, RecheckInterval);
        return active;
    }
}
