using System.Text.RegularExpressions;

namespace Vanta.Http;

/// <summary>
/// User-Agent strings in the forms sources require. SEC blocks undeclared agents and asks for a name and
/// a contact e-mail; Reddit asks for <c>platform:app-id:version (by /u/user)</c> and throttles vague ones.
/// Building them here rejects a bad configuration at start-up instead of at the first blocked request.
/// </summary>
public static partial class UserAgents
{
    /// <summary><c>"{name} {email}"</c>, e.g. <c>Vanta Research ops@example.com</c>.</summary>
    public static string Sec(string name, string email)
    {
        var agent = $"{name.Trim()} {email.Trim()}";
        return IsValidSec(agent) ? agent : throw new ArgumentException(
            $"SEC User-Agent must be \"Name email@domain\" (was \"{agent}\")", nameof(email));
    }

    /// <summary><c>"{platform}:{appId}:{version} (by /u/{user})"</c>.</summary>
    public static string Reddit(string platform, string appId, string version, string user)
    {
        var agent = $"{platform}:{appId}:{version} (by /u/{user})";
        return IsValidReddit(agent) ? agent : throw new ArgumentException(
            $"Reddit User-Agent must be \"platform:app-id:version (by /u/user)\" (was \"{agent}\")", nameof(user));
    }

    /// <summary>True when the agent has a name and an e-mail address.</summary>
    public static bool IsValidSec(string agent) => SecPattern().IsMatch(agent);

    /// <summary>True when the agent follows Reddit's required layout.</summary>
    public static bool IsValidReddit(string agent) => RedditPattern().IsMatch(agent);

    [GeneratedRegex(@"^\S.*\s[^\s@]+@[^\s@]+\.[^\s@]+$")]
    private static partial Regex SecPattern();

    [GeneratedRegex(@"^[A-Za-z0-9._-]+:[A-Za-z0-9._-]+:[A-Za-z0-9._-]+ \(by /u/[A-Za-z0-9_-]{3,20}\)$")]
    private static partial Regex RedditPattern();
}
