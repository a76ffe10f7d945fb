using MovieRec.Abstractions;
using MovieRec.Onnx.Runtime;

namespace MovieRec.Onnx.Content;

/// <summary>Options of <see cref="SentenceEncoder"/>.</summary>
public sealed record SentenceEncoderOptions
{
    /// <summary>Default values of <see cref="SentenceEncoderOptions"/>.</summary>
    public static class Defaults
    {
        /// <summary>Default <see cref="MaxTokens"/>: 128 WordPiece tokens, [CLS] and [SEP] included.</summary>
        public const int MaxTokens = 128;

        /// <summary>Default <see cref="BatchSize"/>: 32 texts per run.</summary>
        public const int BatchSize = 32;
    }

    /// <summary>Tokens per text, [CLS] and [SEP] included; longer texts are cut. 2 or more; default <see cref="Defaults.MaxTokens"/>.</summary>
    public int MaxTokens { get; init; } = Defaults.MaxTokens;

    /// <summary>Texts per ONNX Runtime run (each batch is padded to its longest text), 1 or more; default <see cref="Defaults.BatchSize"/>.</summary>
    public int BatchSize { get; init; } = Defaults.BatchSize;

    /// <summary>Whether the vocabulary is uncased (text lower-cased and accents removed); default true, as MiniLM.</summary>
    public bool LowerCase { get; init; } = true;

    /// <summary>The encoder's <see cref="SentenceEncoder.Name"/>; null takes the model file's name (or <c>all-MiniLM-L6-v2</c> for the packaged MiniLM).</summary>
    public string? Name { get; init; }

    /// <summary>Device and threads of the ONNX Runtime session; null uses the defaults (CUDA when available).</summary>
    public OnnxSessionOptions? Session { get; init; }

    /// <summary>Checks every option.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the message names it).</exception>
    public void Validate()
    {
        const string o = nameof(SentenceEncoderOptions) + ".";
        OptionChecks.AtLeast(MaxTokens, 2, o + nameof(MaxTokens));
        OptionChecks.AtLeast(BatchSize, 1, o + nameof(BatchSize));
    }
}
