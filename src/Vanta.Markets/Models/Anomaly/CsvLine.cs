using System.Text;

namespace Vanta.Markets.Models.Anomaly;

/// <summary>Splits and writes single CSV lines (RFC 4180 quoting, no line breaks inside fields).</summary>
internal static class CsvLine
{
    /// <summary>The fields of <paramref name="line"/>, or null when a quote is left open.</summary>
    public static List<string>? Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch != '"')
                    field.Append(ch);
                else if (i + 1 < line.Length && line[i + 1] == '"')
                    field.Append(line[++i]);
                else
                    quoted = false;
            }
            else if (ch == '"')
                quoted = true;
            else if (ch == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
                field.Append(ch);
        }
        if (quoted)
            return null;
        fields.Add(field.ToString());
        return fields;
    }

    /// <summary><paramref name="field"/> quoted when it holds a comma, quote or line break.</summary>
    public static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
