namespace Gateway.Server.Auth;

/// <summary>Claims and request parameters of the gateway's own.</summary>
public static class GatewayClaims
{
    /// <summary>
    /// Access-token claim holding the 14-digit CDS code of the one LEA the token is bound to. The
    /// token request names the LEA in a form parameter of the same name.
    /// </summary>
    public const string Lea = "lea";
}
