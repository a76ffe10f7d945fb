using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using MovieRec.Data;
using MovieRec.Features;

namespace MovieRec.MLNet;

/// <summary>The code-only mappings of MovieRec's featurization, registered for <c>mlContext.Model.Load</c> by their contract names.</summary>
internal static class TokenMappings
{
    /// <summary>The column a mapping reads: a copy of the user's column.</summary>
    public const string InputColumn = "MovieRec.Input";

    /// <summary>The column a tokenizer writes.</summary>
    public const string TokensColumn = "MovieRec.Tokens";

    /// <summary>The column the age mapping writes.</summary>
    public const string AgeGroupColumn = "MovieRec.AgeGroup";

    /// <summary>Copies <paramref name="tokens"/> into <paramref name="destination"/>, cut or padded with <see cref="Vocabulary.PadToken"/>.</summary>
    public static void Fill(IEnumerable<string> tokens, string[] destination)
    {
        int i = 0;
        foreach (string token in tokens)
        {
            if (i == destination.Length)
            {
                break;
            }

            destination[i++] = token;
        }

        destination.AsSpan(i).Fill(Vocabulary.PadToken);
    }
}

/// <summary>A title's words, year removed, lower-cased (<see cref="TitleEncoder.Tokenize"/>), cut or padded to <see cref="FeatureDefaults.TitleLength"/>.</summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class TitleWordsMapping : CustomMappingFactory<TitleWordsMapping.Input, TitleWordsMapping.Output>
{
    /// <summary>The contract name saved with models that hold the mapping.</summary>
    public const string ContractName = "MovieRec.TitleWords";

    /// <inheritdoc/>
    public override Action<Input, Output> GetMapping() => static (input, output) =>
    {
        output.Tokens = new string[FeatureDefaults.TitleLength];
        TokenMappings.Fill(TitleEncoder.Tokenize(input.Value ?? string.Empty), output.Tokens);
    };

    /// <summary>The input row.</summary>
    public sealed class Input
    {
        /// <summary>Gets or sets the title.</summary>
        [ColumnName(TokenMappings.InputColumn)]
        public string Value { get; set; } = string.Empty;
    }

    /// <summary>The output row.</summary>
    public sealed class Output
    {
        /// <summary>Gets or sets the words.</summary>
        [ColumnName(TokenMappings.TokensColumn)]
        [VectorType(FeatureDefaults.TitleLength)]
        public string[] Tokens { get; set; } = [];
    }
}

/// <summary>A movie's genre names in their order, cut or padded to <see cref="FeatureDefaults.GenreLength"/>.</summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class GenreListMapping : CustomMappingFactory<GenreListMapping.Input, GenreListMapping.Output>
{
    /// <summary>The contract name saved with models that hold the mapping.</summary>
    public const string ContractName = "MovieRec.GenreList";

    /// <inheritdoc/>
    public override Action<Input, Output> GetMapping() => static (input, output) =>
    {
        output.Tokens = new string[FeatureDefaults.GenreLength];
        TokenMappings.Fill((input.Values ?? []).Where(g => !string.IsNullOrEmpty(g)), output.Tokens);
    };

    /// <summary>The input row.</summary>
    public sealed class Input
    {
        /// <summary>Gets or sets the genre names.</summary>
        [ColumnName(TokenMappings.InputColumn)]
        public string[] Values { get; set; } = [];
    }

    /// <summary>The output row.</summary>
    public sealed class Output
    {
        /// <summary>Gets or sets the genre names, padded.</summary>
        [ColumnName(TokenMappings.TokensColumn)]
        [VectorType(FeatureDefaults.GenreLength)]
        public string[] Tokens { get; set; } = [];
    }
}

/// <summary>
/// An age in years, or an ML-1M age code, as the label of its group (<see cref="AgeGroups"/>): "Under 18", "18-24",
/// ..., "56+" (<see cref="Labels"/>); the empty text for a missing or non-positive age.
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class AgeGroupMapping : CustomMappingFactory<AgeGroupMapping.Input, AgeGroupMapping.Output>
{
    /// <summary>The contract name saved with models that hold the mapping.</summary>
    public const string ContractName = "MovieRec.AgeGroup";

    /// <summary>Gets the label of each group, youngest first (ML-1M's own labels).</summary>
    public static IReadOnlyList<string> Labels { get; } = [.. Enumerable.Range(0, AgeGroups.Count).Select(Label)];

    /// <inheritdoc/>
    public override Action<Input, Output> GetMapping() => static (input, output) =>
        output.Group = input.Value >= 1 && float.IsFinite(input.Value) ? Labels[AgeGroups.FromAge((int)Math.Min(input.Value, 1000))] : string.Empty;

    private static string Label(int group)
    {
        var bounds = AgeGroups.LowerBounds;
        return group == 0 ? $"Under {bounds[1]}"
            : group == bounds.Count - 1 ? $"{bounds[group]}+"
            : $"{bounds[group]}-{bounds[group + 1] - 1}";
    }

    /// <summary>The input row.</summary>
    public sealed class Input
    {
        /// <summary>Gets or sets the age.</summary>
        [ColumnName(TokenMappings.InputColumn)]
        public float Value { get; set; }
    }

    /// <summary>The output row.</summary>
    public sealed class Output
    {
        /// <summary>Gets or sets the age group's label.</summary>
        [ColumnName(TokenMappings.AgeGroupColumn)]
        public string Group { get; set; } = string.Empty;
    }
}
