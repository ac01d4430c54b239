using System.Collections.Immutable;
using System.Text;

namespace Vanta.Markets.Models.Sentiment;

/// <summary>
/// Reads the labelled layout <c>text,label</c> (RFC 4180 quoting, quoted texts may span lines, CRLF or LF; an
/// optional <c>text,label</c> header). A malformed row is rejected with its file and line and reading goes on.
/// </summary>
public static class LabeledTextCsv
{
    /// <summary>Reads a CSV file.</summary>
    public static LabeledTextSet Read(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Parse(reader, path);
    }

    /// <summary>Reads the labelled CSV shipped with Vanta (the training set, see <c>Data/README.md</c>).</summary>
    public static LabeledTextSet ReadEmbeddedTrainingSet()
    {
        using var reader = new StreamReader(VaderLexicon.OpenResource("twitter_financial_news_sentiment_train.csv"), Encoding.UTF8);
        return Parse(reader, "twitter_financial_news_sentiment_train.csv");
    }

    /// <summary>Reads CSV text; <paramref name="file"/> names it in rejections.</summary>
    public static LabeledTextSet Parse(TextReader reader, string file)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var rows = ImmutableArray.CreateBuilder<LabeledText>();
        var rejected = ImmutableArray.CreateBuilder<RejectedRow>();
        var first = true;
        foreach (var record in CsvRecords.Read(reader))
        {
            var isHeader = first && record.Fields.Count == 2
                && string.Equals(record.Fields[0].Trim(), "text", StringComparison.OrdinalIgnoreCase)
                && string.Equals(record.Fields[1].Trim(), "label", StringComparison.OrdinalIgnoreCase);
            first = false;
            if (isHeader || record.IsBlank)
                continue;
            var reason = Validate(record, out var row);
            if (reason is null)
                rows.Add(row!);
            else
                rejected.Add(new RejectedRow(file, record.Line, reason));
        }
        return new LabeledTextSet(rows.ToImmutable(), rejected.ToImmutable());
    }

    private static string? Validate(CsvRecords.Record record, out LabeledText? row)
    {
        row = null;
        if (record.Error is not null)
            return record.Error;
        if (record.Fields.Count != 2)
            return $"expected 2 fields (text,label), found {record.Fields.Count}";
        var text = record.Fields[0];
        if (string.IsNullOrWhiteSpace(text))
            return "empty text";
        row = record.Fields[1].Trim() switch
        {
            "0" => new LabeledText(text, SentimentLabel.Bearish),
            "1" => new LabeledText(text, SentimentLabel.Bullish),
            "2" => new LabeledText(text, SentimentLabel.Neutral),
            _ => null,
        };
        return row is null ? $"label must be 0 (bearish), 1 (bullish) or 2 (neutral), was '{Truncate(record.Fields[1])}'" : null;
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "...";
}
