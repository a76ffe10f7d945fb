using MovieRec.Abstractions;

namespace MovieRec.Content;

/// <summary>Options of the content-based model (<see cref="ContentTrainer"/>).</summary>
public sealed record ContentOptions
{
    /// <summary>Model name; default <c>content</c>.</summary>
    public string Name { get; init; } = "content";

    /// <summary>
    /// The text encoder; null (default) fits a <see cref="TfidfTextEncoder"/> on the catalogue's texts. MovieRec.Onnx's
    /// <c>SentenceEncoder</c> (a MiniLM sentence encoder, for example) gives the paper's Sentence-BERT vectors.
    /// </summary>
    public ITextEncoder? Encoder { get; init; }

    /// <summary>
    /// The lowest rating that counts as a like; null (default) counts every rated movie, as implicit feedback does.
    /// </summary>
    public float? LikedRating { get; init; }

    /// <summary>
    /// What the model reads beyond titles and genres; default <see cref="ContentSources.Descriptions"/>, the Netflix
    /// paper's text (the description where the dataset has one). <see cref="ContentSources.Tags"/> adds the tags of the
    /// training ratings where the dataset has tags (ml-latest-small's <c>tags.csv</c>); what each source gives is
    /// measured by <c>report ColdItems</c> (benchmarks), and the default was not chosen on those figures.
    /// </summary>
    public ContentSources Sources { get; init; } = ContentSources.Descriptions;

    /// <summary>Vocabulary size of the fallback TF-IDF encoder, 1 or more; default <see cref="TfidfTextEncoder.DefaultMaxFeatures"/>.</summary>
    public int MaxFeatures { get; init; } = TfidfTextEncoder.DefaultMaxFeatures;

    /// <summary>Checks every option.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the message names it).</exception>
    public void Validate()
    {
        const string o = nameof(ContentOptions) + ".";
        if (string.IsNullOrWhiteSpace(Name))
        {
            OptionChecks.Throw(o + nameof(Name), Name ?? "null", "expected a non-empty model name");
        }

        if (LikedRating is { } liked && !float.IsFinite(liked))
        {
            OptionChecks.Throw(o + nameof(LikedRating), liked, "expected a finite rating, or null for every rated movie");
        }

        if ((Sources & ~ContentSources.All) != 0)
        {
            OptionChecks.Throw(o + nameof(Sources), Sources, "expected a combination of Descriptions and Tags");
        }

        OptionChecks.AtLeast(MaxFeatures, 1, o + nameof(MaxFeatures));
    }
}
