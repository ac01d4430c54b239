using System.Collections.Immutable;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Vanta.Markets.Features;

namespace Vanta.Markets.Models.Onnx;

/// <summary>
/// A user's model trained elsewhere (TFT, DeepAR...) and exported to ONNX, run with ONNX Runtime on one thread.
/// The model must have one float input of shape [n] or [1, n] (n = the configured features, or dynamic) and a
/// float first output; the first output value maps to the score (<see cref="OnnxOutputMapping"/>). It abstains
/// when a feature is missing or the output is not finite. Loading a bad file gives an <see cref="OnnxModelError"/>.
/// </summary>
public sealed class OnnxModel : IScoringModel, IPerInstrument, IDisposable
{
    private readonly InferenceSession _session;
    private readonly OnnxModelOptions _options;
    private readonly string _inputName;
    private readonly int[] _inputShape;
    private OnnxModelError? _lastError;

    private OnnxModel(string id, InferenceSession session, OnnxModelOptions options, string inputName, int[] inputShape)
    {
        Id = id;
        _session = session;
        _options = options;
        _inputName = inputName;
        _inputShape = inputShape;
    }

    public string Id { get; }

    public string Family => _options.Family;

    /// <summary>The last run failure, or null; a failed run abstains rather than crash the stage.</summary>
    public OnnxModelError? LastError => Volatile.Read(ref _lastError);

    public static OnnxLoadResult Load(string id, string path, OnnxModelOptions options)
    {
        if (!File.Exists(path))
            return OnnxLoadResult.Fail(OnnxErrorCode.FileNotFound, $"{path}: no such file");
        return Load(id, File.ReadAllBytes(path), options);
    }

    public static OnnxLoadResult Load(string id, byte[] model, OnnxModelOptions options)
    {
        if (options.Features.IsDefaultOrEmpty || !(options.Scale > 0 && double.IsFinite(options.Scale)))
            return OnnxLoadResult.Fail(OnnxErrorCode.InvalidOptions, $"{id}: needs at least one feature and a positive scale");
        InferenceSession session;
        try
        {
            using var settings = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
            session = new InferenceSession(model, settings);
        }
        catch (OnnxRuntimeException e)
        {
            return OnnxLoadResult.Fail(OnnxErrorCode.InvalidModel, $"{id}: not a loadable ONNX model: {e.Message}");
        }

        var error = OnnxSignature.Check(id, session, options.Features.Length, out var inputName, out var shape);
        if (error is not null)
        {
            session.Dispose();
            return new OnnxLoadResult(null, error);
        }
        return new OnnxLoadResult(new OnnxModel(id, session, options, inputName, shape), null);
    }

    public ModelScore? Score(FeatureVector features)
    {
        var x = new float[_options.Features.Length];
        for (var i = 0; i < x.Length; i++)
        {
            if (features.Get(_options.Features[i]) is not { } value)
                return null;
            x[i] = (float)value;
        }
        if (Run(x) is not { } y || !double.IsFinite(y))
            return null;

        var scaled = y / _options.Scale;
        var score = Math.Round((decimal)(_options.Mapping == OnnxOutputMapping.Tanh ? Math.Tanh(scaled) : Math.Clamp(scaled, -1, 1)), 6);
        var contributions = Contributions.Of("onnx_output", score);
        var rationale = string.Create(CultureInfo.InvariantCulture, $"{features.Symbol} {Id} output {y:0.####}");
        return new ModelScore(Id, Family, features.Symbol, score, contributions, rationale, features.AsOf);
    }

    /// <summary>The model's first output value for input <paramref name="x"/>, or null when the run failed.</summary>
    public double? Run(float[] x)
    {
        if (x.Length != _options.Features.Length)
            throw new ArgumentException($"expected {_options.Features.Length} inputs, got {x.Length}", nameof(x));
        try
        {
            var tensor = new DenseTensor<float>(x, _inputShape);
            using var results = _session.Run([NamedOnnxValue.CreateFromTensor(_inputName, tensor)]);
            var output = results[0].AsTensor<float>();
            return output.Length == 0 ? null : output.GetValue(0);
        }
        catch (OnnxRuntimeException e)
        {
            Volatile.Write(ref _lastError, new OnnxModelError(OnnxErrorCode.RunFailed, $"{Id}: {e.Message}"));
            return null;
        }
    }

    public void Dispose() => _session.Dispose();
}
