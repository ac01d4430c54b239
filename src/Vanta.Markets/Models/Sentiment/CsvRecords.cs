using System.Text;

namespace Vanta.Markets.Models.Sentiment;

/// <summary>
/// A small RFC 4180 record reader that reports the line each record starts on and never throws on bad quoting: a quote
/// inside an unquoted field is kept as text (as Python's csv module does); text after a closing quote is an error.
/// </summary>
internal static class CsvRecords
{
    internal sealed record Record(int Line, IReadOnlyList<string> Fields, string? Error)
    {
        public bool IsBlank => Error is null && Fields.Count == 1 && Fields[0].Length == 0;
    }

    public static IEnumerable<Record> Read(TextReader reader)
    {
        var line = 1;
        var start = 1;
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var wasQuoted = false;
        string? error = null;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            var ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (ch == '\n')
                        line++;
                    field.Append(ch);
                }
                continue;
            }
            switch (ch)
            {
                case '"' when field.Length == 0 && !wasQuoted:
                    quoted = wasQuoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    wasQuoted = false;
                    break;
                case '\r' when reader.Peek() == '\n':
                    break;
                case '\n' or '\r':
                    fields.Add(field.ToString());
                    yield return new Record(start, fields.ToArray(), error);
                    fields.Clear();
                    field.Clear();
                    wasQuoted = false;
                    error = null;
                    start = ++line;
                    break;
                default:
                    if (wasQuoted)
                        error ??= "text after a closing quote";
                    field.Append(ch);
                    break;
            }
        }
        if (quoted)
        {
            yield return new Record(start, [], "unterminated quoted field at end of file");
        }
        else if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return new Record(start, fields.ToArray(), error);
        }
    }
}
