using System.Security.Cryptography;
using Gateway.Domain.Tenancy;
using Gateway.Storage.Tenancy;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Gateway.Storage;

/// <summary>A registered client as admin commands list it. The secret is never part of it.</summary>
public sealed record ClientSummary(
    string ClientId,
    string DisplayName,
    IReadOnlyList<string> LeaCodes,
    IReadOnlyList<string> Scopes,
    DateTimeOffset CreateTime,
    DateTimeOffset? RevokeTime);

/// <summary>A client id with its secret, returned once at creation or rotation.</summary>
public sealed record ClientCredentials(string ClientId, string ClientSecret);

/// <summary>
/// Manages LEA tenants and API clients. Client secrets are generated here, stored only as
/// OpenIddict's salted hash, and returned once to the caller.
/// </summary>
public sealed class TenantAdministration(
    GatewayDbContext db,
    IOpenIddictApplicationManager applications,
    TimeProvider timeProvider)
{
    /// <summary>Adds an LEA. Throws <see cref="TenancyException"/> when the code is malformed or exists.</summary>
    public async Task<LeaEntity> AddLeaAsync(string code, string name, CancellationToken cancellationToken)
    {
        if (!CdsCode.TryParse(code, out var cds))
        {
            throw new TenancyException($"LEA code '{code}' is not a CDS code: expected exactly 14 digits.");
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            throw new TenancyException("LEA name is missing.");
        }

        if (await db.Leas.AnyAsync(l => l.Code == cds.Value, cancellationToken))
        {
            throw new TenancyException($"LEA {cds.Value} already exists.");
        }

        var lea = new LeaEntity { Code = cds.Value, Name = name.Trim(), CreateTime = timeProvider.GetUtcNow() };
        db.Leas.Add(lea);
        await db.SaveChangesAsync(cancellationToken);
        return lea;
    }

    /// <summary>Lists LEAs ordered by code.</summary>
    public async Task<IReadOnlyList<LeaEntity>> ListLeasAsync(CancellationToken cancellationToken) =>
        await db.Leas.AsNoTracking().OrderBy(l => l.Code).ToListAsync(cancellationToken);

    /// <summary>
    /// Registers a client for <paramref name="leaCodes"/> with the allowed <paramref name="scopes"/>
    /// and returns its credentials. A client that only has the fulfillment scope may have no LEA.
    /// </summary>
    public async Task<ClientCredentials> AddClientAsync(
        string displayName,
        IReadOnlyCollection<string> leaCodes,
        IReadOnlyCollection<string> scopes,
        IReadOnlyCollection<string> knownScopes,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(displayName))
        {
            throw new TenancyException("Client name is missing.");
        }

        var unknown = scopes.Where(s => !knownScopes.Contains(s)).ToList();
        if (scopes.Count == 0 || unknown.Count > 0)
        {
            throw new TenancyException(scopes.Count == 0
                ? $"A client needs at least one scope: {string.Join(", ", knownScopes)}."
                : $"Unknown scope(s) {string.Join(", ", unknown)}; known scopes are {string.Join(", ", knownScopes)}.");
        }

        var codes = new List<string>();
        foreach (var code in leaCodes.Distinct())
        {
            if (!CdsCode.TryParse(code, out var cds) || !await db.Leas.AnyAsync(l => l.Code == cds.Value, cancellationToken))
            {
                throw new TenancyException($"LEA '{code}' does not exist; add it first.");
            }

            codes.Add(cds.Value);
        }

        var credentials = new ClientCredentials("client-" + RandomToken(9), RandomToken(32));
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = credentials.ClientId,
            ClientSecret = credentials.ClientSecret,
            ClientType = ClientTypes.Confidential,
            DisplayName = displayName.Trim(),
        };
        descriptor.Permissions.Add(Permissions.Endpoints.Token);
        descriptor.Permissions.Add(Permissions.GrantTypes.ClientCredentials);
        foreach (var scope in scopes.Distinct())
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        await applications.CreateAsync(descriptor, cancellationToken);
        db.ClientRegistrations.Add(new ClientRegistrationEntity
        {
            ClientId = credentials.ClientId,
            DisplayName = descriptor.DisplayName,
            CreateTime = timeProvider.GetUtcNow(),
            Leas = codes.Select(c => new ClientLeaEntity { ClientId = credentials.ClientId, LeaCode = c }).ToList(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return credentials;
    }

    /// <summary>Lists clients with their LEAs and allowed scopes, revoked ones included.</summary>
    public async Task<IReadOnlyList<ClientSummary>> ListClientsAsync(CancellationToken cancellationToken)
    {
        var registrations = await db.ClientRegistrations.AsNoTracking().Include(c => c.Leas)
            .OrderBy(c => c.ClientId).ToListAsync(cancellationToken);
        var result = new List<ClientSummary>(registrations.Count);
        foreach (var registration in registrations)
        {
            var scopes = new List<string>();
            var application = await applications.FindByClientIdAsync(registration.ClientId, cancellationToken);
            if (application is not null)
            {
                var permissions = await applications.GetPermissionsAsync(application, cancellationToken);
                scopes.AddRange(permissions.Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
                    .Select(p => p[Permissions.Prefixes.Scope.Length..]).Order(StringComparer.Ordinal));
            }

            result.Add(new ClientSummary(
                registration.ClientId,
                registration.DisplayName,
                registration.Leas.Select(l => l.LeaCode).Order(StringComparer.Ordinal).ToList(),
                scopes,
                registration.CreateTime,
                registration.RevokeTime));
        }

        return result;
    }

    /// <summary>
    /// Revokes a client: its OAuth application is deleted, so the token endpoint rejects it at
    /// once, and the server rejects tokens it already holds.
    /// </summary>
    public async Task RevokeClientAsync(string clientId, CancellationToken cancellationToken)
    {
        var registration = await FindActiveAsync(clientId, cancellationToken);
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (application is not null)
        {
            await applications.DeleteAsync(application, cancellationToken);
        }

        registration.RevokeTime = timeProvider.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Replaces a client's secret and returns the new one; the old secret stops working at once.</summary>
    public async Task<ClientCredentials> RotateSecretAsync(string clientId, CancellationToken cancellationToken)
    {
        await FindActiveAsync(clientId, cancellationToken);
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken)
            ?? throw new TenancyException($"Client {clientId} has no OAuth application; it cannot get tokens.");

        var secret = RandomToken(32);
        await applications.UpdateAsync(application, secret, cancellationToken);
        return new ClientCredentials(clientId, secret);
    }

    /// <summary>
    /// Whether <paramref name="clientId"/> is active and registered for <paramref name="leaCode"/>;
    /// with a null LEA, whether it is active at all.
    /// </summary>
    public Task<bool> IsActiveForLeaAsync(string clientId, string? leaCode, CancellationToken cancellationToken) =>
        leaCode is null
            ? db.ClientRegistrations.AnyAsync(c => c.ClientId == clientId && c.RevokeTime == null, cancellationToken)
            : db.ClientRegistrations.AnyAsync(
                c => c.ClientId == clientId && c.RevokeTime == null && c.Leas.Any(l => l.LeaCode == leaCode),
                cancellationToken);

    private async Task<ClientRegistrationEntity> FindActiveAsync(string clientId, CancellationToken cancellationToken)
    {
        var registration = await db.ClientRegistrations.SingleOrDefaultAsync(c => c.ClientId == clientId, cancellationToken)
            ?? throw new TenancyException($"Client {clientId} does not exist.");
        return registration.RevokeTime is null
            ? registration
            : throw new TenancyException($"Client {clientId} was revoked at {registration.RevokeTime:u}.");
    }

    private static string RandomToken(int byteCount) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(byteCount)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>An admin operation on tenants or clients that cannot be done, with the reason.</summary>
public sealed class TenancyException(string message) : Exception(message);
