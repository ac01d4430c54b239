using Vanta.Core.Domain;
using Vanta.Markets.Collectors.SecForm4;

namespace Vanta.Cli.Tests;

public sealed class DedupeTests(SampleRunFixture run) : IClassFixture<SampleRunFixture>
{
    [Fact]
    public async Task The_same_filing_twice_in_a_tape_is_published_once()
    {
        var root = RepoPaths.NewTempDirectory("dedupe");
        try
        {
            var tape = Path.Combine(root, "tape");
            RepoPaths.CopyDirectory(RepoPaths.SampleTape, tape);
            var form4 = Directory.GetFiles(Path.Combine(tape, "sec", "form4"), "*.xml").Order(StringComparer.Ordinal).Last();
            File.Copy(form4, Path.Combine(Path.GetDirectoryName(form4)!, "zz_copy_of_" + Path.GetFileName(form4)));
            var rows = new Form4Parser().Parse(RawDocument.Of("sec-form4", form4, "application/xml", default, File.ReadAllBytes(form4))).Observations.Length;

            var summary = await VantaRunner.RunAsync(Path.Combine(root, "home"), tape);

            Assert.True(rows > 0);
            Assert.Equal(run.Summary.Observations + rows, summary.Observations);
            Assert.Equal(rows, summary.Duplicates);
            Assert.Equal(run.Summary.Convictions, summary.Convictions);
            Assert.Equal(run.Summary.Fills, summary.Fills);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
