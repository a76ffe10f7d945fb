using System.Text;

namespace MovieRec.Tests.TestSupport;

/// <summary>Writes a tiny dataset in the ML-100K file layout.</summary>
public static class SmallMovieLens100K
{
    public const string Genres = "unknown|0\nAction|1\nComedy|2\n\n";
    public const string Occupations = "none\nstudent\nwriter\n";

    public static string Items =>
        "1|Toy Story (1995)|01-Jan-1995||http://x|0|0|1\n" +
        "2|Misérables, Les (1995)|01-Jan-1995||http://x|0|1|0\n" +
        "3|unknown||||1|0|0\n";

    public const string Users = "1|24|M|student|85711\n2|53|F|writer|94043\n3|17|M|none|32067\n";

    public const string Ratings = "1\t1\t5\t881250949\n2\t1\t3\t891717742\n1\t2\t4\t878887116\n3\t3\t1\t880606923\n2\t2\t2\t886397596\n";

    public static void Write(TempFolder folder, string? ratings = null, string? users = null, string? items = null) =>
        Write(folder.Path, ratings, users, items);

    public static void Write(string folder, string? ratings = null, string? users = null, string? items = null)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "u.genre"), Genres, Encoding.Latin1);
        File.WriteAllText(Path.Combine(folder, "u.occupation"), Occupations, Encoding.Latin1);
        File.WriteAllText(Path.Combine(folder, "u.item"), items ?? Items, Encoding.Latin1);
        File.WriteAllText(Path.Combine(folder, "u.user"), users ?? Users, Encoding.Latin1);
        File.WriteAllText(Path.Combine(folder, "u.data"), ratings ?? Ratings, Encoding.Latin1);
    }
}
