using System.Globalization;

namespace Vanta.Markets.Models.Anomaly;

/// <summary>
/// The engine of <c>vanta models anomaly --method zscore|iforest|bocpd --data FILE.csv [--columns a,b] [--seed N]</c>.
/// Reads a CSV with a header row, takes the chosen numeric columns (default: every column holding numbers, so a
/// Date column is left out) and writes one CSV line per accepted input row, in file order, starting with the
/// row's line number in the input file:
/// <list type="bullet">
/// <item><c>zscore</c>: <c>line,z_COL...,score</c>: each column's rolling z-score against its previous
/// <see cref="AnomalyOptions.ZScoreWindow"/> values and score = the largest |z|; empty while the window fills or
/// when it is constant.</item>
/// <item><c>iforest</c>: <c>line,score</c>: s(x, n) in (0, 1) from a forest grown on every accepted row with
/// <c>new Random(seed)</c>.</item>
/// <item><c>bocpd</c>: <c>line,run_length,cp_prob</c>: the most likely run length and P(1 &lt;= r_t &lt;= K), see
/// <see cref="ChangePointStep"/>, after standardising each column by its mean and standard deviation over the file
/// (this is an offline look at a whole file, not a point-in-time signal).</item>
/// </list>
/// Bad rows are skipped and reported, never scored: a row with the wrong number of fields or an empty,
/// non-numeric, NaN or infinite value in a selected column is named on the error writer with its line number and
/// reason, and gets no output line. Exit codes: 0 every row scored; 1 some rows rejected (the others are still
/// scored and written) or too few valid rows to score; 2 the file cannot be used (no header, duplicate or unknown
/// column, no numeric column).
/// </summary>
public static class AnomalyCsvTool
{
    public static int Run(TextReader csv, AnomalyOptions options, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        var input = AnomalyCsvInput.Read(csv, options.Columns, error);
        if (input is null)
            return 2;
        var minimum = options.Method == AnomalyMethod.IsolationForest ? 2 : 1;
        if (input.Rows.Count < minimum)
        {
            error.WriteLine($"{input.Rows.Count} valid rows: {options.Method} needs at least {minimum}");
            return 1;
        }

        switch (options.Method)
        {
            case AnomalyMethod.ZScore:
                WriteZScores(input, options.ZScoreWindow, output);
                break;
            case AnomalyMethod.IsolationForest:
                WriteForestScores(input, options, output);
                break;
            case AnomalyMethod.Bocpd:
                WriteChangePoints(input, options.ChangePoints, output);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Method, "unknown method");
        }

        if (input.Rejected == 0)
            return 0;
        error.WriteLine($"rejected {input.Rejected} rows; scored {input.Rows.Count}");
        return 1;
    }

    private static void WriteZScores(AnomalyCsvInput input, int window, TextWriter output)
    {
        output.WriteLine("line," + string.Join(",", input.Columns.Select(c => CsvLine.Quote("z_" + c))) + ",score");
        var detectors = input.Columns.Select(_ => new RollingZScore(window)).ToArray();
        foreach (var row in input.Rows)
        {
            output.Write(row.Line.ToString(CultureInfo.InvariantCulture));
            double? largest = null;
            for (var c = 0; c < detectors.Length; c++)
            {
                var z = detectors[c].Update(row.Values[c]);
                output.Write(',');
                output.Write(Format(z));
                if (z is { } value && (largest is null || Math.Abs(value) > largest))
                    largest = Math.Abs(value);
            }
            output.Write(',');
            output.WriteLine(Format(largest));
        }
    }

    private static void WriteForestScores(AnomalyCsvInput input, AnomalyOptions options, TextWriter output)
    {
        var forest = IsolationForest.Fit([.. input.Rows.Select(r => r.Values)], options.Forest, new Random(options.Seed));
        output.WriteLine("line,score");
        foreach (var row in input.Rows)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row.Line},{forest.Score(row.Values):F6}"));
    }

    private static void WriteChangePoints(AnomalyCsvInput input, ChangePointOptions options, TextWriter output)
    {
        var dims = input.Columns.Count;
        var mean = new double[dims];
        var scale = new double[dims];
        for (var c = 0; c < dims; c++)
        {
            scale[c] = StandardDeviation(input.Rows.Select(r => r.Values[c]).ToArray(), out mean[c]);
        }

        var detector = new ChangePointDetector(dims, options);
        var x = new double[dims];
        output.WriteLine("line,run_length,cp_prob");
        foreach (var row in input.Rows)
        {
            for (var c = 0; c < dims; c++)
                x[c] = (row.Values[c] - mean[c]) / scale[c];
            var step = detector.Update(x);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row.Line},{step.MapRunLength},{step.ChangePointProbability:F6}"));
        }
    }

    /// <summary>Sample standard deviation (1 for a constant column), computed without overflow for values near double's range.</summary>
    private static double StandardDeviation(double[] column, out double mean)
    {
        mean = 0;
        for (var i = 0; i < column.Length; i++)
            mean += (column[i] - mean) / (i + 1);
        var m = mean;
        var largest = column.Max(v => Math.Abs(v - m));
        if (column.Length < 2 || !(largest > 0) || !double.IsFinite(largest))
            return 1;
        var sum = column.Sum(v => ((v - m) / largest) * ((v - m) / largest));
        return largest * Math.Sqrt(sum / (column.Length - 1));
    }

    private static string Format(double? value) =>
        value is { } v ? v.ToString("F6", CultureInfo.InvariantCulture) : "";
}
