using System.Globalization;
using System.Text;

namespace MovieRec.Cli.Commands;

/// <summary>
/// Text that came from data (titles, genres, dataset names, file contents quoted in errors), made safe to print:
/// control characters (a title's <c>ESC [2J</c> would clear the terminal) and the invisible characters that reorder
/// text are replaced by U+FFFD (tabs and line breaks by a space: one line stays one line), and Spectre's markup brackets
/// are escaped.
/// </summary>
internal static class Printable
{
    /// <summary>The text with every control or reordering character replaced, for plain output.</summary>
    public static string Plain(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        StringBuilder? clean = null;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            bool unsafeChar = char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;
            if (unsafeChar)
            {
                clean ??= new StringBuilder(text, 0, i, text.Length);
                clean.Append(c is '\t' or '\n' or '\r' ? ' ' : '\uFFFD');
            }
            else
            {
                clean?.Append(c);
            }
        }

        return clean?.ToString() ?? text;
    }

    /// <summary>The text made plain and escaped for Spectre's markup.</summary>
    public static string Markup(string? text) => Spectre.Console.Markup.Escape(Plain(text));
}
