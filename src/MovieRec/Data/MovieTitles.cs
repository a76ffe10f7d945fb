using System.Globalization;
using System.Text;

namespace MovieRec.Data;

/// <summary>Helpers for MovieLens-style titles such as "Toy Story (1995)" or "Misérables, Les (1995)".</summary>
public static class MovieTitles
{
    /// <summary>
    /// Returns the title without a trailing "(yyyy)" (and trailing spaces), and the year, 0 when absent.
    /// </summary>
    /// <param name="title">A title as MovieLens writes it.</param>
    /// <param name="year">The four-digit year in the trailing parentheses, or 0.</param>
    public static string StripYear(string title, out int year)
    {
        ArgumentNullException.ThrowIfNull(title);
        var span = title.AsSpan().TrimEnd();
        year = 0;
        if (span.Length >= 6 && span[^1] == ')' && span[^6] == '('
            && int.TryParse(span[^5..^1], NumberStyles.None, CultureInfo.InvariantCulture, out int y))
        {
            year = y;
            return span[..^6].TrimEnd().ToString();
        }

        // Some CSV titles carry a range such as "(2007-2013)" or "(2007-)": take its first year.
        int open = span.LastIndexOf('(');
        if (open >= 0 && span[^1] == ')' && span.Length - open >= 7 && span[(open + 5)..^1].Trim().StartsWith('-')
            && int.TryParse(span.Slice(open + 1, 4), NumberStyles.None, CultureInfo.InvariantCulture, out y))
        {
            year = y;
            return span[..open].TrimEnd().ToString();
        }

        return span.ToString();
    }

    /// <summary>Returns the title without a trailing "(yyyy)".</summary>
    /// <param name="title">A title as MovieLens writes it.</param>
    public static string StripYear(string title) => StripYear(title, out _);

    /// <summary>
    /// A key for matching titles across catalogues: year removed, a trailing article moved back to the
    /// front ("Matrix, The" → "the matrix"), accents removed, lower case, punctuation dropped, spaces collapsed.
    /// </summary>
    /// <param name="title">Any title.</param>
    public static string Normalize(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        string core = StripYear(title);

        // Alternative titles in parentheses, e.g. "City of Lost Children, The (Cité des enfants perdus, La)".
        int paren = core.IndexOf(" (", StringComparison.Ordinal);
        if (paren > 0)
        {
            core = core[..paren];
        }

        foreach (string article in s_articles)
        {
            string suffix = ", " + article;
            if (core.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                core = article + " " + core[..^suffix.Length];
                break;
            }
        }

        string folded = AccentFolding.RemoveAccents(core);
        var sb = new StringBuilder(folded.Length);
        bool space = false;
        foreach (char c in folded)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (space && sb.Length > 0)
                {
                    sb.Append(' ');
                }

                space = false;
                sb.Append(char.ToLowerInvariant(c));
            }
            else if (c == '&')
            {
                if (sb.Length > 0)
                {
                    sb.Append(' ');
                }

                sb.Append("and");
                space = true;
            }
            else if (c != '\'')
            {
                space = true;
            }
        }

        return sb.ToString();
    }

    private static readonly string[] s_articles = ["The", "A", "An", "Les", "La", "Le", "L'", "Il", "Das", "Der", "Die", "El", "Los", "Las"];
}
