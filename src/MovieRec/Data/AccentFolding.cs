using System.Text;

namespace MovieRec.Data;

/// <summary>
/// Removes accents from Latin letters without relying on ICU (the library runs with invariant
/// globalization, where <see cref="string.Normalize()"/> is not available for all forms).
/// </summary>
/// <remarks>
/// A letter with diacritics in U+00C0..U+024F maps to the base letter of its canonical decomposition
/// (table derived from the Unicode data); combining marks U+0300..U+036F are dropped.
/// </remarks>
internal static class AccentFolding
{
    private const string Accented = "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǢǣǦǧǨǩǪǫǬǭǮǯǰǴǵǸǹǺǻǼǽǾǿȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳ";
    private const string Bases = "AAAAAACEEEEIIIINOOOOOUUUUYaaaaaaceeeeiiiinooooouuuuyyAaAaAaCcCcCcCcDdEeEeEeEeEeGgGgGgGgHhIiIiIiIiIJjKkLlLlLlNnNnNnOoOoOoRrRrRrSsSsSsSsTtTtUuUuUuUuUuUuWwYyYZzZzZzOoUuAaIiOoUuUuUuUuUuAaAaÆæGgKkOoOoƷʒjGgNnAaÆæØøAaAaEeEeIiIiOoOoRrRrUuUuSsTtHhAaEeOoOoOoOoYy";
    private static readonly Dictionary<char, char> s_map = Accented.Zip(Bases).ToDictionary(p => p.First, p => p.Second);

    public static bool IsCombiningMark(char c) => c is >= '\u0300' and <= '\u036F';

    public static char Fold(char c) => c < '\u00C0' ? c : s_map.GetValueOrDefault(c, c);

    public static string RemoveAccents(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (!IsCombiningMark(c))
            {
                sb.Append(Fold(c));
            }
        }

        return sb.ToString();
    }
}
