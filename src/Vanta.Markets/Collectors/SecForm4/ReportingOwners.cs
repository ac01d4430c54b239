using System.Xml.Linq;

namespace Vanta.Markets.Collectors.SecForm4;

/// <summary>
/// The reporting owners of a filing folded into one identity. A joint filing (a fund and its manager,
/// a trust and its trustee) reports the same shares once for all owners, so its rows are kept once with
/// the owners' CIKs and names joined rather than duplicated per owner, which would double-count shares.
/// </summary>
internal sealed record ReportingOwners(string Cik, string Name, string Relationship)
{
    /// <summary>Reads every <c>reportingOwner</c>; null when none has a CIK.</summary>
    public static ReportingOwners? Read(XElement root)
    {
        var ciks = new List<string>();
        var names = new List<string>();
        var relationships = new List<string>();
        foreach (var owner in root.Children("reportingOwner"))
        {
            var id = owner.Child("reportingOwnerId");
            var cik = id?.Child("rptOwnerCik").Text();
            if (cik is null)
                continue;
            ciks.Add(cik);
            names.Add(id?.Child("rptOwnerName").Text() ?? "");
            foreach (var token in RelationshipTokens(owner.Child("reportingOwnerRelationship")))
            {
                if (!relationships.Contains(token, StringComparer.Ordinal))
                    relationships.Add(token);
            }
        }
        return ciks.Count == 0
            ? null
            : new ReportingOwners(string.Join(',', ciks), string.Join("; ", names), string.Join(',', relationships));
    }

    /// <summary>Relationship tokens: <c>director</c>, <c>officer:TITLE</c>, <c>ten_percent_owner</c>, <c>other:TEXT</c>.</summary>
    private static IEnumerable<string> RelationshipTokens(XElement? relationship)
    {
        if (relationship is null)
            yield break;
        if (relationship.Child("isDirector").Flag())
            yield return "director";
        if (relationship.Child("isOfficer").Flag())
            yield return relationship.Child("officerTitle").Text() is { } title ? $"officer:{title}" : "officer";
        if (relationship.Child("isTenPercentOwner").Flag())
            yield return "ten_percent_owner";
        if (relationship.Child("isOther").Flag())
            yield return relationship.Child("otherText").Text() is { } text ? $"other:{text}" : "other";
    }
}
