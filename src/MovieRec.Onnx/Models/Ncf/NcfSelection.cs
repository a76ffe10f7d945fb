using System.Globalization;

namespace MovieRec.Onnx.Models.Ncf;

/// <summary>What an NCF model's training chose on validation data, read back from its bundle.</summary>
/// <param name="Stages">Each stage's chosen epoch count and validation NDCG@10 in training order (GMF, MLP, then the
/// fine-tuned NeuMF for a pre-trained NeuMF; one stage otherwise); empty when the model was trained without
/// <see cref="NcfOptions.EpochSelection"/>.</param>
/// <param name="Alpha">The GMF/MLP trade-off a pre-trained NeuMF started from (chosen on validation data with
/// <see cref="NcfOptions.SelectAlpha"/>); null for GMF, MLP and NeuMF without pre-training.</param>
public sealed record NcfSelection(IReadOnlyList<NcfStageSelection> Stages, double? Alpha)
{
    /// <summary>Gets the validation NDCG@10 at the final stage's chosen epoch, or null without epoch selection.</summary>
    public double? ValidationNdcg => Stages.Count > 0 ? Stages[^1].ValidationNdcg : null;

    /// <summary>Reads the choices recorded in an NCF model's bundle.</summary>
    /// <param name="bundle">The bundle of a model an <see cref="NcfTrainer"/> trained.</param>
    /// <returns>The choices.</returns>
    /// <exception cref="InvalidDataException">The bundle is not an NCF bundle or its record is malformed.</exception>
    public static NcfSelection Read(ModelBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var metadata = bundle.Metadata;
        if (!metadata.ContainsKey(NcfTrainer.ArchitectureKey))
        {
            throw new InvalidDataException($"Model '{bundle.ModelKind}' is not an NCF model (no '{NcfTrainer.ArchitectureKey}' metadata).");
        }

        double? alpha = metadata.TryGetValue(NcfTrainer.AlphaKey, out var a) ? ParseDouble(a, NcfTrainer.AlphaKey) : null;
        var stages = new List<NcfStageSelection>();
        if (metadata.TryGetValue(NcfTrainer.StagesKey, out var text))
        {
            foreach (string part in text.Split(';'))
            {
                string[] fields = part.Split(':');
                if (fields.Length != 3 || !Enum.TryParse<NcfArchitecture>(fields[0], out var stage)
                    || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out int epochs))
                {
                    throw new InvalidDataException($"Metadata '{NcfTrainer.StagesKey}' of model '{bundle.ModelKind}' has the malformed entry '{part}'.");
                }

                stages.Add(new NcfStageSelection(stage, epochs, ParseDouble(fields[2], NcfTrainer.StagesKey)));
            }
        }

        return new NcfSelection(stages, alpha);
    }

    /// <summary>The metadata form of the stages: <c>Stage:epochs:ndcg</c> joined with ';'.</summary>
    internal static string Format(IEnumerable<NcfStageSelection> stages) =>
        string.Join(';', stages.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Stage}:{s.Epochs}:{s.ValidationNdcg:R}")));

    private static double ParseDouble(string text, string key) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : throw new InvalidDataException($"Metadata '{key}' holds '{text}', which is not a number.");
}
