using System.Globalization;
using System.Text;
using Vanta.Core.Domain;

namespace Vanta.Markets.Tests.Enrichment;

/// <summary>
/// Reads the r/wallstreetbets CSV of the shared data (no licence: it is read in place, never copied). Its columns are
/// title, score, id, url, comms_num, created (unix seconds), body, timestamp; it has no author column, so each post is
/// given its own pseudo-author <c>unknown:ID</c>.
/// </summary>
internal static class WsbPosts
{
    public const string RelativePath = "reddit/wsb_posts_2022-01-18_and_21.csv";

    public static List<SocialPost> Load()
    {
        var rows = ReadCsv(File.ReadAllText(TestData.Shared(RelativePath)));
        var header = rows[0];
        int Col(string name) => header.IndexOf(name);
        var (title, score, id, url, created, body) = (Col("title"), Col("score"), Col("id"), Col("url"), Col("created"), Col("body"));
        return [.. rows.Skip(1).Where(r => r.Count == header.Count).Select(r => new SocialPost(
            r[id], "reddit", "wallstreetbets", "unknown:" + r[id], r[title], r[body], r[url],
            int.Parse(r[score], CultureInfo.InvariantCulture),
            DateTimeOffset.FromUnixTimeSeconds((long)double.Parse(r[created], CultureInfo.InvariantCulture)),
            []))];
    }

    /// <summary>RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks.</summary>
    private static List<List<string>> ReadCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    field.Append(text[++i]);
                else if (c == '"')
                    quoted = false;
                else
                    field.Append(c);
            }
            else if (c == '"')
                quoted = true;
            else if (c == ',')
                row.Add(Take(field));
            else if (c == '\n')
            {
                row.Add(Take(field));
                rows.Add(row);
                row = [];
            }
            else if (c != '\r')
                field.Append(c);
        }
        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(Take(field));
            rows.Add(row);
        }
        return rows;
    }

    private static string Take(StringBuilder field)
    {
        var value = field.ToString();
        field.Clear();
        return value;
    }
}
