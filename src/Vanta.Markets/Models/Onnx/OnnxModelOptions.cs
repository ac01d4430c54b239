using System.Collections.Immutable;

namespace Vanta.Markets.Models.Onnx;

/// <summary>How the model's first output value becomes a score in [-1, 1].</summary>
public enum OnnxOutputMapping
{
    /// <summary>score = tanh(y / scale).</summary>
    Tanh = 1,

    /// <summary>score = clamp(y / scale, −1, 1).</summary>
    Clamp = 2,
}

/// <summary>Settings of an <see cref="OnnxModel"/>.</summary>
/// <param name="Features">Feature names, in the order of the model's input vector; a vector lacking any is not scored.</param>
/// <param name="Mapping">How the output becomes a score.</param>
/// <param name="Scale">The output is divided by this before the mapping.</param>
/// <param name="Family">Source family the scores are routed under.</param>
public sealed record OnnxModelOptions(
    ImmutableArray<string> Features,
    OnnxOutputMapping Mapping = OnnxOutputMapping.Tanh,
    double Scale = 1.0,
    string Family = "forecast");

/// <summary>Why an ONNX model could not be loaded or run. Values are frozen.</summary>
public enum OnnxErrorCode
{
    FileNotFound = 1,
    InvalidModel = 2,
    UnsupportedInput = 3,
    InputSizeMismatch = 4,
    UnsupportedOutput = 5,
    RunFailed = 6,
    InvalidOptions = 7,
}

/// <summary>A typed ONNX failure with a message naming what is wrong.</summary>
public sealed record OnnxModelError(OnnxErrorCode Code, string Message);

/// <summary>The outcome of <see cref="OnnxModel.Load(string, byte[], OnnxModelOptions)"/>: a model or an error.</summary>
public sealed record OnnxLoadResult(OnnxModel? Model, OnnxModelError? Error)
{
    internal static OnnxLoadResult Fail(OnnxErrorCode code, string message) => new(null, new OnnxModelError(code, message));
}
