using Gateway.Domain.Feed;
using Gateway.Server.Rpc;
using Gateway.Storage;
using Gateway.Storage.Feed;
using Google.Protobuf.WellKnownTypes;
using V1 = SsrGateway.V1;

namespace Gateway.Server.Feed;

/// <summary>Reads and replaces the token LEA's portal-field mapping.</summary>
internal sealed class PortalFieldMappings(GatewayDbContext db, LinkFeedReader reader, TimeProvider time)
{
    public async Task<V1.PortalFieldMapping> GetAsync(CancellationToken cancellationToken)
    {
        var entity = await reader.ReadMappingEntityAsync(cancellationToken);
        if (entity is null)
        {
            var defaults = ToContract(PortalFieldMapping.Default);
            defaults.IsDefault = true;
            return defaults;
        }

        return ToContract(entity);
    }

    public async Task<V1.PortalFieldMapping> UpdateAsync(V1.PortalFieldMapping? requested, CancellationToken cancellationToken)
    {
        if (requested is null)
        {
            RpcErrors.ThrowInvalidField("mapping", "the mapping is missing");
        }

        var mapping = new PortalFieldMapping(
            requested.EnglishLinkField.Trim(), requested.PrimaryLanguageLinkField.Trim(), requested.LabelField.Trim(),
            requested.LanguageField.Trim(), requested.ExpireTimeField.Trim());
        var violations = mapping.Validate().Select(v => ($"mapping.{v.Field}", v.Reason)).ToList();
        if (violations.Count > 0)
        {
            throw RpcErrors.InvalidArgument("The portal-field mapping is invalid; fix the listed fields.", violations);
        }

        var entity = await db.PortalFieldMappings.FindAsync([db.CurrentLeaCode], cancellationToken);
        if (entity is null)
        {
            entity = new PortalFieldMappingEntity();
            db.PortalFieldMappings.Add(entity);
        }

        entity.EnglishLinkField = mapping.EnglishLinkField;
        entity.PrimaryLanguageLinkField = mapping.PrimaryLanguageLinkField;
        entity.LabelField = mapping.LabelField;
        entity.LanguageField = mapping.LanguageField;
        entity.ExpireTimeField = mapping.ExpireTimeField;
        entity.UpdateTime = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return ToContract(entity);
    }

    private static V1.PortalFieldMapping ToContract(PortalFieldMapping mapping) => new()
    {
        EnglishLinkField = mapping.EnglishLinkField,
        PrimaryLanguageLinkField = mapping.PrimaryLanguageLinkField,
        LabelField = mapping.LabelField,
        LanguageField = mapping.LanguageField,
        ExpireTimeField = mapping.ExpireTimeField,
    };

    private static V1.PortalFieldMapping ToContract(PortalFieldMappingEntity entity) => new()
    {
        EnglishLinkField = entity.EnglishLinkField,
        PrimaryLanguageLinkField = entity.PrimaryLanguageLinkField,
        LabelField = entity.LabelField,
        LanguageField = entity.LanguageField,
        ExpireTimeField = entity.ExpireTimeField,
        UpdateTime = Timestamp.FromDateTimeOffset(entity.UpdateTime),
    };
}
