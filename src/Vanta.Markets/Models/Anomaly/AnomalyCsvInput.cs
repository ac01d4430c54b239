using System.Globalization;

namespace Vanta.Markets.Models.Anomaly;

/// <summary>One accepted data row: its 1-based line number in the file and the selected columns' values, all finite.</summary>
internal readonly record struct NumericRow(int Line, double[] Values);

/// <summary>
/// Reads a CSV with a header row into finite numeric rows. A row with the wrong number of fields, an empty,
/// non-numeric, NaN or infinite value in a selected column is rejected and named on the error writer with its
/// line number; it never reaches a model. Blank lines are not rows.
/// </summary>
internal sealed class AnomalyCsvInput
{
    private AnomalyCsvInput(IReadOnlyList<string> columns, IReadOnlyList<NumericRow> rows, int rejected)
    {
        Columns = columns;
        Rows = rows;
        Rejected = rejected;
    }

    public IReadOnlyList<string> Columns { get; }

    public IReadOnlyList<NumericRow> Rows { get; }

    public int Rejected { get; }

    /// <summary>The input, or null after writing why the file cannot be used at all (a usage error).</summary>
    public static AnomalyCsvInput? Read(TextReader csv, IReadOnlyList<string>? wanted, TextWriter error)
    {
        var lines = new List<(int Line, string Text)>();
        var number = 0;
        while (csv.ReadLine() is { } text)
        {
            number++;
            if (!string.IsNullOrWhiteSpace(text))
                lines.Add((number, text));
        }
        if (lines.Count == 0)
            return Fail(error, "the file is empty: expected a header row");
        if (CsvLine.Split(lines[0].Text) is not { } rawHeader)
            return Fail(error, $"line {lines[0].Line}: the header row has an unterminated quote");
        var header = rawHeader.ConvertAll(h => h.Trim());
        for (var i = 0; i < header.Count; i++)
        {
            if (header.IndexOf(header[i]) != i)
                return Fail(error, $"line {lines[0].Line}: column '{header[i]}' appears twice in the header");
        }

        var rejected = new SortedDictionary<int, string>();
        var records = new List<(int Line, IReadOnlyList<string> Fields)>();
        foreach (var (line, text) in lines.Skip(1))
        {
            var fields = CsvLine.Split(text);
            if (fields is null || fields.Count != header.Count)
            {
                rejected[line] = fields is null ? "unterminated quote" : $"{fields.Count} fields, the header has {header.Count}";
                continue;
            }
            records.Add((line, fields));
        }

        var selected = SelectColumns(header, wanted, records, error);
        if (selected is null)
            return null;

        var rows = new List<NumericRow>(records.Count);
        foreach (var (line, fields) in records)
        {
            var values = new double[selected.Count];
            var problems = new List<string>();
            for (var c = 0; c < selected.Count; c++)
            {
                var name = header[selected[c]];
                var field = fields[selected[c]].Trim();
                if (field.Length == 0)
                    problems.Add($"empty value in column '{name}'");
                else if (!TryNumber(field, out values[c]))
                    problems.Add($"'{field}' in column '{name}' is not a number");
                else if (double.IsNaN(values[c]))
                    problems.Add($"NaN in column '{name}'");
                else if (!double.IsFinite(values[c]))
                    problems.Add($"infinite value in column '{name}'");
            }
            if (problems.Count > 0)
                rejected[line] = string.Join("; ", problems);
            else
                rows.Add(new NumericRow(line, values));
        }
        foreach (var (line, reason) in rejected)
            error.WriteLine($"line {line}: rejected: {reason}");
        return new AnomalyCsvInput([.. selected.Select(i => header[i])], rows, rejected.Count);
    }

    private static List<int>? SelectColumns(
        List<string> header, IReadOnlyList<string>? wanted, List<(int Line, IReadOnlyList<string> Fields)> records, TextWriter error)
    {
        if (wanted is { Count: > 0 })
        {
            var picked = new List<int>();
            foreach (var name in wanted)
            {
                var index = header.IndexOf(name.Trim());
                if (index < 0)
                {
                    Fail(error, $"unknown column '{name}'; the header has: {string.Join(", ", header)}");
                    return null;
                }
                if (!picked.Contains(index))
                    picked.Add(index);
            }
            return picked;
        }

        // By default a column is numeric when any well-formed row holds a number in it; its other values are then
        // checked row by row, so one bad cell rejects its row rather than silently dropping the column.
        var numeric = Enumerable.Range(0, header.Count)
            .Where(c => records.Any(r => TryNumber(r.Fields[c].Trim(), out _)))
            .ToList();
        if (numeric.Count == 0)
        {
            Fail(error, $"no numeric column found; the header has: {string.Join(", ", header)}");
            return null;
        }
        return numeric;
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static AnomalyCsvInput? Fail(TextWriter error, string message)
    {
        error.WriteLine(message);
        return null;
    }
}
