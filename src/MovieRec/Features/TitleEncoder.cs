using System.Text;
using MovieRec.Data;

namespace MovieRec.Features;

/// <summary>
/// Turns a movie title into a fixed-length list of word indices, as the LSTM-CNN paper preprocesses
/// ML-1M titles: trailing "(year)" removed, split into words, each word's index in a
/// <see cref="Vocabulary"/> (<c>&lt;UNK&gt;</c> when unseen), padded with <c>&lt;PAD&gt;</c> (0) or
/// truncated to <see cref="Length"/> (default 15).
/// </summary>
/// <remarks>
/// Words are maximal runs of letters, digits and inner apostrophes, lower-cased: "American President,
/// The (1995)" → american, president, the.
/// </remarks>
public sealed class TitleEncoder
{
    /// <summary>Default title length in words (15, as in the paper).</summary>
    public const int DefaultLength = FeatureDefaults.TitleLength;

    private TitleEncoder(Vocabulary vocabulary, int length)
    {
        Vocabulary = vocabulary;
        Length = length;
    }

    /// <summary>The word vocabulary.</summary>
    public Vocabulary Vocabulary { get; }

    /// <summary>Number of word slots per title.</summary>
    public int Length { get; }

    /// <summary>Builds the word vocabulary from every title of <paramref name="movies"/>.</summary>
    /// <param name="movies">The movies whose titles form the corpus.</param>
    /// <param name="length">Word slots per title, 1 or more. Default 15.</param>
    public static TitleEncoder Create(MoviesTable movies, int length = FeatureDefaults.TitleLength)
    {
        ArgumentNullException.ThrowIfNull(movies);
        return Create(Vocabulary.Build(movies.Titles.Skip(1).SelectMany(Tokenize)), length);
    }

    /// <summary>Creates an encoder over an existing vocabulary (for example one saved with a model).</summary>
    /// <param name="vocabulary">A vocabulary with <see cref="Vocabulary.UnknownToken"/>.</param>
    /// <param name="length">Word slots per title, 1 or more. Default 15.</param>
    public static TitleEncoder Create(Vocabulary vocabulary, int length = FeatureDefaults.TitleLength)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        if (vocabulary.UnknownIndex < 0)
        {
            throw new ArgumentException($"The vocabulary needs a {Vocabulary.UnknownToken} token.", nameof(vocabulary));
        }

        return new TitleEncoder(vocabulary, length);
    }

    /// <summary>Splits a title into lower-case words with the trailing year removed.</summary>
    /// <param name="title">A title such as "Toy Story (1995)".</param>
    public static IReadOnlyList<string> Tokenize(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        string text = MovieTitles.StripYear(title);
        var words = new List<string>();
        var current = new StringBuilder();
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            bool innerApostrophe = c == '\'' && current.Length > 0 && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]);
            if (char.IsLetterOrDigit(c) || innerApostrophe)
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    /// <summary>Writes the word indices of <paramref name="title"/> into <paramref name="destination"/>, padded with 0.</summary>
    /// <param name="title">The title.</param>
    /// <param name="destination">At least <see cref="Length"/> slots; the first <see cref="Length"/> are written.</param>
    public void Encode(string title, Span<long> destination)
    {
        if (destination.Length < Length)
        {
            throw new ArgumentException($"Destination has {destination.Length} slots; {Length} are needed.", nameof(destination));
        }

        destination[..Length].Clear();
        var words = Tokenize(title);
        for (int i = 0; i < words.Count && i < Length; i++)
        {
            destination[i] = Vocabulary.IndexOrUnknown(words[i]);
        }
    }

    /// <summary>Returns the word indices of <paramref name="title"/>, padded to <see cref="Length"/>.</summary>
    /// <param name="title">The title.</param>
    public long[] Encode(string title)
    {
        var result = new long[Length];
        Encode(title, result);
        return result;
    }
}
