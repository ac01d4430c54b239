namespace Vanta.Markets.Collectors.Reddit;

/// <summary>Why a Reddit listing or one of its children was quarantined.</summary>
internal static class RedditReasons
{
    public static string NotJson(string error) => $"not valid JSON: {error}";

    public const string NotListing =
        "not a Reddit Listing: expected {\"kind\":\"Listing\",\"data\":{\"children\":[...]}} or an array of Listings";

    public static string UnsupportedKind(string? kind) =>
        $"child kind '{kind ?? "(none)"}' is neither t3 (submission) nor t1 (comment)";

    public const string NoData = "child has no 'data' object";

    public static string MissingField(string field) => $"'{field}' is missing or has the wrong type";

    public static string BadTime(string field) => $"'{field}' is not a Unix time in range";

    public static string InvalidUtf8(string field) => $"'{field}' is not valid UTF-8";

    public const string RepliesNotListing = "'replies' is neither \"\" nor a Listing";
}
