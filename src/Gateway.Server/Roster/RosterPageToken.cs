using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Gateway.Server.Rpc;

namespace Gateway.Server.Roster;

/// <summary>
/// Opaque page token of ListStudents: the last SSID returned and a fingerprint of the caller's LEA
/// and the request's administration and filters, base64url-encoded. A token used with other
/// filters or by another LEA is rejected.
/// </summary>
/// <remarks>Note: the token is not encrypted; it reveals an SSID of the caller's own roster, which the caller already received.</remarks>
internal static class RosterPageToken
{
    private const string Version = "v1";

    public static string Create(string requestFingerprint, string lastSsid) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{Version}|{requestFingerprint}|{lastSsid}"));

    /// <summary>Returns the SSID to continue after, or null for an empty token; throws INVALID_ARGUMENT for a token that does not fit the request.</summary>
    public static string? Parse(string token, string requestFingerprint)
    {
        if (token.Length == 0)
        {
            return null;
        }

        string[] parts;
        try
        {
            parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)).Split('|');
        }
        catch (FormatException)
        {
            throw RpcErrors.InvalidField("page_token", "page token is malformed; pass the next_page_token of the previous response unchanged");
        }

        if (parts.Length != 3 || parts[0] != Version)
        {
            throw RpcErrors.InvalidField("page_token", "page token is malformed; pass the next_page_token of the previous response unchanged");
        }

        if (parts[1] != requestFingerprint)
        {
            throw RpcErrors.InvalidField("page_token", "page token belongs to a request with other filters or of another LEA; repeat the filters of the first page or start without a token");
        }

        return parts[2];
    }

    /// <summary>Fingerprints what a token is bound to: the LEA and every request field but page size and token.</summary>
    public static string Fingerprint(string leaCode, SsrGateway.V1.ListStudentsRequest request)
    {
        var bound = request.Clone();
        bound.PageSize = 0;
        bound.PageToken = "";
        byte[] input = [.. Encoding.UTF8.GetBytes(leaCode + "|"), .. Google.Protobuf.MessageExtensions.ToByteArray(bound)];
        return Convert.ToHexStringLower(SHA256.HashData(input))[..16];
    }
}
