namespace Vanta.Markets.Collectors.SecForm4;

/// <summary>Why a Form 3/4/5 document or one of its rows was quarantined. The element path goes in the location.</summary>
internal static class Form4Reasons
{
    public static string NotXml(string error) => $"not well-formed XML: {error}";

    public static string WrongRoot(string name) => $"root element is '{name}', not 'ownershipDocument'";

    public const string Missing = "required element is missing or empty";

    public const string NoTradingSymbol = "issuer has no trading symbol";

    public const string NoReportingOwner = "no reportingOwner with an rptOwnerCik";

    public const string NoSignatureDate = "neither ownerSignature/signatureDate nor periodOfReport holds a date";

    public static string BadDate(string text) => $"'{text}' is not a yyyy-mm-dd date";

    public static string BadNumber(string text) => $"'{text}' is not a number";

    public static string NegativeShares(string text) => $"share count '{text}' is negative";

    public static string BadAcquiredDisposed(string text) => $"acquired/disposed code '{text}' is neither A nor D";

    public static string UndefinedFootnote(string id) => $"footnote '{id}' is referenced but not defined";
}
