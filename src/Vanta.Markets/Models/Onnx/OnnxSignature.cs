using Microsoft.ML.OnnxRuntime;

namespace Vanta.Markets.Models.Onnx;

/// <summary>Checks that a loaded session has the one float input and float output an <see cref="OnnxModel"/> needs.</summary>
internal static class OnnxSignature
{
    public static OnnxModelError? Check(string id, InferenceSession session, int featureCount, out string inputName, out int[] shape)
    {
        inputName = "";
        shape = [];
        if (session.InputMetadata.Count != 1)
            return new(OnnxErrorCode.UnsupportedInput, $"{id}: expected one input, the model has {session.InputMetadata.Count}");
        var (name, input) = session.InputMetadata.First();
        if (!input.IsTensor || input.ElementType != typeof(float))
            return new(OnnxErrorCode.UnsupportedInput, $"{id}: input '{name}' must be a float tensor");
        var dims = input.Dimensions;
        if (dims.Length is < 1 or > 2 || (dims.Length == 2 && dims[0] is not (1 or -1)))
            return new(OnnxErrorCode.UnsupportedInput, $"{id}: input '{name}' must have shape [n] or [1, n], has [{string.Join(", ", dims)}]");
        var width = dims[^1];
        if (width != -1 && width != featureCount)
            return new(OnnxErrorCode.InputSizeMismatch, $"{id}: input '{name}' takes {width} values but {featureCount} features are configured");

        if (session.OutputMetadata.Count == 0)
            return new(OnnxErrorCode.UnsupportedOutput, $"{id}: the model has no output");
        var (outputName, output) = session.OutputMetadata.First();
        if (!output.IsTensor || output.ElementType != typeof(float))
            return new(OnnxErrorCode.UnsupportedOutput, $"{id}: output '{outputName}' must be a float tensor");

        inputName = name;
        shape = dims.Length == 1 ? [featureCount] : [1, featureCount];
        return null;
    }
}
