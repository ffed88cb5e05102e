using Gateway.Cli.Admin;
using Gateway.Server.Auth;

namespace Gateway.Cli.Tests;

public sealed class ScopeListTests
{
    [Fact]
    public void CliScopes_MatchServerScopes()
    {
        Assert.Equal(GatewayScopes.All, CliScopes.All);
    }
}
