using System.Xml.Linq;
using Vanta.Markets.Collectors.SecCommon;

namespace Vanta.Markets.Collectors.Sec13F;

/// <summary>
/// What the 13F-HR primary document (<c>edgarSubmission</c>) says about the filing: the filer, the quarter,
/// the signature date. The information table rows carry none of it.
/// </summary>
internal sealed record ThirteenFCover(string SubmissionType, string FilerCik, string FilerName, DateOnly? Period, DateOnly? SignedOn)
{
    /// <summary>The first day EDGAR took 13F values in dollars rather than thousands.</summary>
    public static readonly DateOnly DollarsFrom = new(2023, 1, 3);

    /// <summary>No primary document: nothing known about the filer.</summary>
    public static ThirteenFCover Unknown { get; } = new("13F-HR", "", "", null, null);

    public static ThirteenFCover Read(XElement root)
    {
        var header = root.Local("headerData");
        var filerInfo = header?.Local("filerInfo");
        var cover = root.Local("formData")?.Local("coverPage");
        var periodText = filerInfo?.Local("periodOfReport")?.Value ?? cover?.Local("reportCalendarOrQuarter")?.Value;
        var signedText = root.Local("formData")?.Local("signatureBlock")?.Local("signatureDate")?.Value;
        return new ThirteenFCover(
            header?.Local("submissionType")?.Value.Trim() ?? "",
            filerInfo?.Local("filer")?.Local("credentials")?.Local("cik")?.Value.Trim() ?? "",
            cover?.Local("filingManager")?.Local("name")?.Value.Trim() ?? "",
            periodText is not null && SecTime.TryParseDate(periodText, out var period) ? period : null,
            signedText is not null && SecTime.TryParseDate(signedText, out var signed) ? signed : null);
    }

    /// <summary>
    /// 1 when values are in dollars, 1000 when in thousands. EDGAR switched on 2023-01-03: the filing date
    /// decides (a late amendment for 2021 filed in 2023 is in dollars); without one, the period does (a quarter
    /// ending on or after 2022-12-31 can only have been filed after the switch); with neither, values are taken
    /// as reported.
    /// </summary>
    public decimal ValueMultiplier(DateOnly? filedOn)
    {
        if ((filedOn ?? SignedOn) is { } filed)
            return filed >= DollarsFrom ? 1m : 1000m;
        if (Period is { } period)
            return period >= new DateOnly(2022, 12, 31) ? 1m : 1000m;
        return 1m;
    }
}

/// <summary>Element lookup by local name: 13F documents come with default and prefixed namespaces.</summary>
internal static class ThirteenFXml
{
    public static XElement? Local(this XElement element, string name)
    {
        foreach (var child in element.Elements())
        {
            if (child.Name.LocalName == name)
                return child;
        }
        return null;
    }
}
