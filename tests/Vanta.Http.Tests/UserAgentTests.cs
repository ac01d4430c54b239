namespace Vanta.Http.Tests;

public sealed class UserAgentTests
{
    [Fact]
    public void Sec_agents_need_a_name_and_an_email()
    {
        Assert.Equal("Vanta Research ops@example.com", UserAgents.Sec("Vanta Research", "ops@example.com"));
        Assert.Throws<ArgumentException>(() => UserAgents.Sec("python-requests/2.31", ""));
        Assert.Throws<ArgumentException>(() => HttpSourcePolicies.Sec("Java/17"));
    }

    [Fact]
    public void Reddit_agents_follow_platform_app_version_by_user()
    {
        Assert.Equal("server:io.vanta.harvest:v0.3.0 (by /u/vanta_bot)", UserAgents.Reddit("server", "io.vanta.harvest", "v0.3.0", "vanta_bot"));
        Assert.False(UserAgents.IsValidReddit("Mozilla/5.0 (X11; Linux x86_64)"));
        Assert.Throws<ArgumentException>(() => HttpSourcePolicies.Reddit("my bot"));
    }
}
