using Microsoft.ML;
using MovieRec.Features;

namespace MovieRec.MLNet;

/// <summary>
/// Encodes a column of token lists (a movie's genres, a title's words) as a fixed-length vector of keys, the way
/// MovieRec's models read them: key 0 is <c>&lt;PAD&gt;</c> (ML.NET's missing key), key 1 <c>&lt;UNK&gt;</c> where the
/// vocabulary has it, then the tokens. <see cref="Fit"/> learns the vocabulary; create it with
/// <see cref="MovieRecCatalog.EncodeTitle"/> or <see cref="MovieRecCatalog.EncodeGenres"/>.
/// </summary>
/// <remarks>
/// The fitted transformer is a chain of ML.NET's own transforms and one code-only mapping (the tokenizer, registered by
/// <see cref="MovieRecMLContextExtensions.MovieRec"/>), so it saves and loads with <c>mlContext.Model</c>: the tokens
/// padded to the fixed length, two ValueMapping transforms that tell an unknown token from padding, and
/// ValueToKeyMapping over the vocabulary, whose key values are the tokens (<c>MapKeyToValue</c> turns keys back into
/// tokens).
/// </remarks>
public sealed class TokenKeyEstimator : IEstimator<ITransformer>
{
    private const string KnownColumn = "MovieRec.KnownTokens";
    private const string MarkedColumn = "MovieRec.MarkedTokens";

    private readonly MLContext _context;
    private readonly IEstimator<ITransformer> _tokenize;
    private readonly string _tokensColumn;
    private readonly Func<IDataView, Vocabulary> _learn;

    internal TokenKeyEstimator(MLContext context, string outputColumnName, string inputColumnName, int length, IEstimator<ITransformer> tokenize, string tokensColumn, Func<IDataView, Vocabulary> learn)
    {
        _context = context;
        OutputColumnName = outputColumnName;
        InputColumnName = inputColumnName;
        Length = length;
        _tokenize = tokenize;
        _tokensColumn = tokensColumn;
        _learn = learn;
    }

    /// <summary>Gets the key vector column the transformer adds.</summary>
    public string OutputColumnName { get; }

    /// <summary>Gets the column read.</summary>
    public string InputColumnName { get; }

    /// <summary>Gets the number of keys per row: longer lists are cut, shorter ones padded with key 0.</summary>
    public int Length { get; }

    /// <summary>Learns the vocabulary from <paramref name="input"/> and returns the transformer.</summary>
    /// <param name="input">Rows with the input column.</param>
    /// <returns>The transformer.</returns>
    /// <exception cref="ArgumentException">The input column is missing or of another type (the message names it).</exception>
    public ITransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Chain(_learn(input)).Fit(input);
    }

    /// <summary>The input columns plus the key vector.</summary>
    /// <param name="inputSchema">The input's schema.</param>
    /// <returns>The output schema.</returns>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) =>
        Chain(Vocabulary.FromTokens([Vocabulary.PadToken, Vocabulary.UnknownToken])).GetOutputSchema(inputSchema);

    private IEstimator<ITransformer> Chain(Vocabulary vocabulary)
    {
        var known = vocabulary.Tokens.Skip(1).Where(t => t != Vocabulary.UnknownToken).ToArray();

        // ValueMapping gives an unmapped token the empty text, so the first map keeps known tokens and padding and
        // empties the rest, and the second turns the emptied ones into <UNK> and padding into the empty text (key 0).
        var keep = known.Append(Vocabulary.PadToken).Select(t => new KeyValuePair<string, string>(t, t));
        var mark = known.Select(t => new KeyValuePair<string, string>(t, t));
        if (vocabulary.UnknownIndex > 0)
        {
            mark = mark.Append(new KeyValuePair<string, string>(string.Empty, Vocabulary.UnknownToken));
        }

        var keys = _context.Data.LoadFromEnumerable(vocabulary.Tokens.Skip(1).Select(t => new KeyRow { Value = t }));
        return _tokenize
            .Append(_context.Transforms.Conversion.MapValue(KnownColumn, keep, _tokensColumn))
            .Append(_context.Transforms.Conversion.MapValue(MarkedColumn, mark, KnownColumn))
            .Append(_context.Transforms.Conversion.MapValueToKey(OutputColumnName, MarkedColumn, keyData: keys))
            .Append(_context.Transforms.DropColumns(_tokensColumn, KnownColumn, MarkedColumn, TokenMappings.InputColumn));
    }

    private sealed class KeyRow
    {
        public string Value { get; set; } = string.Empty;
    }
}
