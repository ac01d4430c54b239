using System.Collections.Immutable;
using Vanta.Markets.Features;
using Vanta.Markets.Models.Onnx;

namespace Vanta.Markets.Tests.Models.Onnx;

public sealed class OnnxModelTests
{
    private static readonly float[] W = [0.5f, -1f, 2f];
    private const float B = 0.1f;
    private static readonly DateTimeOffset AsOf = new(2024, 3, 1, 21, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0.2, 0.3, 0.1)]
    [InlineData(1.0, -0.5, 0.25)]
    [InlineData(-2.0, 0.0, 0.3)]
    [InlineData(0.0, 0.0, 0.0)]
    public void Scores_are_the_hand_computed_linear_function_clamped(double a, double b, double c)
    {
        using var model = Load(OnnxOutputMapping.Clamp, scale: 1.0);
        var y = 0.5 * a - 1.0 * b + 2.0 * c + 0.1;

        var score = model.Score(Vector(("a", a), ("b", b), ("c", c)))!;
        Assert.Equal(Math.Clamp(y, -1, 1), (double)score.Score, 5);
        Assert.Equal(score.Score, score.Contributions.Values.Sum());
        Assert.Equal("tft-onnx@1", score.ModelId);
        Assert.Equal(y, model.Run([(float)a, (float)b, (float)c])!.Value, 5);
    }

    [Fact]
    public void Tanh_mapping_divides_by_the_scale_first()
    {
        using var model = Load(OnnxOutputMapping.Tanh, scale: 2.0);
        // y = 0.5*1 - 1*(-1) + 2*0.5 + 0.1 = 2.6
        var score = model.Score(Vector(("a", 1), ("b", -1), ("c", 0.5)))!;
        Assert.Equal(Math.Tanh(2.6 / 2.0), (double)score.Score, 5);
    }

    [Fact]
    public void Features_feed_the_input_in_the_configured_order()
    {
        var options = new OnnxModelOptions(["c", "a", "b"], OnnxOutputMapping.Clamp, Scale: 10.0);
        using var model = OnnxModel.Load("tft-onnx@1", OnnxProto.Linear(W, B), options).Model!;
        // input = [c, a, b] = [0.3, 0.2, 0.1]: y = 0.5*0.3 - 1*0.2 + 2*0.1 + 0.1 = 0.25
        var score = model.Score(Vector(("a", 0.2), ("b", 0.1), ("c", 0.3)))!;
        Assert.Equal(0.025, (double)score.Score, 5);
    }

    [Fact]
    public void A_missing_feature_makes_it_abstain()
    {
        using var model = Load(OnnxOutputMapping.Clamp, scale: 1.0);
        Assert.Null(model.Score(Vector(("a", 1), ("c", 1))));
    }

    [Fact]
    public void Bad_files_and_wrong_input_sizes_are_typed_errors()
    {
        var options = new OnnxModelOptions(["a", "b", "c"]);
        Assert.Equal(OnnxErrorCode.InvalidModel, OnnxModel.Load("m@1", [1, 2, 3, 4, 5], options).Error!.Code);
        Assert.Equal(OnnxErrorCode.InvalidModel, OnnxModel.Load("m@1", [], options).Error!.Code);
        Assert.Equal(OnnxErrorCode.FileNotFound, OnnxModel.Load("m@1", "/nonexistent/model.onnx", options).Error!.Code);

        var mismatch = OnnxModel.Load("m@1", OnnxProto.Linear(W, B), new OnnxModelOptions(["a", "b"]));
        Assert.Null(mismatch.Model);
        Assert.Equal(OnnxErrorCode.InputSizeMismatch, mismatch.Error!.Code);
        Assert.Contains("takes 3 values but 2 features", mismatch.Error.Message);
        Assert.Equal(OnnxErrorCode.InvalidOptions, OnnxModel.Load("m@1", OnnxProto.Linear(W, B), options with { Scale = 0 }).Error!.Code);
    }

    [Fact]
    public void It_loads_from_a_file()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "linear.onnx");
        File.WriteAllBytes(path, OnnxProto.Linear(W, B));

        var loaded = OnnxModel.Load("tft-onnx@1", path, new OnnxModelOptions(["a", "b", "c"], OnnxOutputMapping.Clamp));
        using var model = loaded.Model!;
        Assert.Null(loaded.Error);
        Assert.Equal(0.1, model.Run([0f, 0f, 0f])!.Value, 6);
    }

    private static OnnxModel Load(OnnxOutputMapping mapping, double scale)
    {
        var loaded = OnnxModel.Load("tft-onnx@1", OnnxProto.Linear(W, B), new OnnxModelOptions(["a", "b", "c"], mapping, scale));
        Assert.Null(loaded.Error);
        return loaded.Model!;
    }

    private static FeatureVector Vector(params (string Name, double Value)[] values) =>
        new("AAA", AsOf, values.ToImmutableSortedDictionary(v => v.Name, v => (decimal)v.Value, StringComparer.Ordinal));
}
