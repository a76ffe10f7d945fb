using System.Diagnostics;
using System.Text;
using MovieRec.Data;
using MovieRec.Tests.Hostile;
using MovieRec.Tests.TestSupport;

namespace MovieRec.Tests.Data;

/// <summary>
/// Every dataset loader against damaged copies of a valid dataset (bytes changed, lines cut, dropped, doubled or
/// inserted, a line of megabytes, the file swapped for a link to a pipe or to <c>/dev/zero</c>): each case loads or
/// fails with one <see cref="DataFormatException"/> (an <see cref="IOException"/> for a file that is not a regular
/// file) naming a file of the dataset; none crashes with another exception, hangs or reads without end.
/// </summary>
public sealed class LoaderFuzzTests
{
    private const int Cases = 120;

    [Test]
    public void MovieLens100K_files_load_or_fail_naming_the_file() =>
        Fuzz(folder => SmallMovieLens100K.Write(folder), folder => MovieLens100K.Load(folder), seed: 1);

    [Test]
    public void MovieLens1M_files_load_or_fail_naming_the_file() =>
        Fuzz(folder => DatasetWriter.WriteMovieLens1M(Small(), folder), folder => MovieLens1M.Load(folder), seed: 2);

    [Test]
    public void MovieLens_csv_files_load_or_fail_naming_the_file() =>
        Fuzz(folder => DatasetWriter.WriteMovieLensCsv(Small(), folder), folder => MovieLensCsv.Load(folder), seed: 3);

    [Test]
    public void Netflix_Prize_files_load_or_fail_naming_the_file() =>
        Fuzz(
            folder =>
            {
                File.WriteAllText(Path.Combine(folder, "movie_titles.csv"), "1,2003,Dinosaur Planet\n2,2004,Isle of Man TT 2004 Review\n3,NULL,Character, Part 2, Señor\n", Encoding.Latin1);
                File.WriteAllText(Path.Combine(folder, "combined_data_1.txt"), "1:\n1488844,3,2005-09-06\n822109,5,2005-05-13\n2:\n1488844,4,2005-09-07\n30878,2,2004-01-02\n");
                File.WriteAllText(Path.Combine(folder, "combined_data_2.txt"), "3:\n30878,1,1970-01-02\n822109,4,2001-12-31\n");
            },
            folder => NetflixPrize.Load(folder),
            seed: 4);

    [Test]
    public void Netflix_titles_catalogue_loads_or_fails_naming_the_file() =>
        Fuzz(
            folder => File.WriteAllText(
                Path.Combine(folder, "netflix_titles.csv"),
                "show_id,type,title,director,cast,country,date_added,release_year,rating,duration,listed_in,description\n" +
                "s1,Movie,Toy Story,John,\"Tom, Tim\",US,\"May 1, 2020\",1995,G,81 min,Kids,\"Toys come alive,\nand argue.\"\n" +
                "s2,TV Show,Toy Story,,,,,1995,,1 Season,Kids,A show.\n" +
                "s3,Movie,The American President,,,,,1995,,,Drama,A widowed president dates.\n" +
                "s4,Movie,Les Misérables,,,,,1996,,,Drama,Jean Valjean.\n"),
            folder => TitleDescriptions.Load(Path.Combine(folder, "netflix_titles.csv")),
            seed: 5);

    private static RecommendationDataset Small() =>
        SyntheticDataset.Generate(new SyntheticDataOptions { NumberOfRatings = 1000, NumberOfUsers = 40, NumberOfMovies = 60, Seed = 5 });

    private static void Fuzz(Action<string> write, Func<string, object> load, int seed)
    {
        using var folder = new TempFolder();
        string original = Path.Combine(folder.Path, "original");
        Directory.CreateDirectory(original);
        write(original);
        var files = Directory.GetFiles(original);
        var random = new Random(seed);
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < Cases; i++)
        {
            string copy = Path.Combine(folder.Path, "case" + i);
            Directory.CreateDirectory(copy);
            foreach (string file in files)
            {
                File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
            }

            string target = Path.Combine(copy, Path.GetFileName(files[random.Next(files.Length)]));
            string kind = Damage(target, random);
            string outcome;
            try
            {
                load(copy);
                outcome = "loaded";
            }
            catch (DataFormatException e)
            {
                Assert.That(e.Message, Does.Contain(copy), $"case {i} ({kind} in {Path.GetFileName(target)}) names the file");
                outcome = "rejected";
            }
            catch (IOException e) when (kind == "special file")
            {
                Assert.That(e.Message, Does.Contain(target).And.Contain("not a regular file"), $"case {i} ({kind}) names the file");
                outcome = "rejected";
            }
            catch (Exception e)
            {
                Assert.Fail($"case {i} ({kind} in {Path.GetFileName(target)}): {e.GetType().Name}: {e.Message}");
                throw;
            }

            outcomes[kind + " " + outcome] = outcomes.GetValueOrDefault(kind + " " + outcome) + 1;
            Directory.Delete(copy, recursive: true);
        }

        TestContext.Out.WriteLine(string.Join("; ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}")));
        Assert.Multiple(() =>
        {
            Assert.That(outcomes.Where(o => o.Key.EndsWith("rejected", StringComparison.Ordinal)).Sum(o => o.Value), Is.GreaterThan(Cases / 4), "damage is noticed");
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromMinutes(1)), "bounded in time: nothing hangs");
        });
    }

    /// <summary>Damages one file in one of several ways and says which.</summary>
    private static string Damage(string path, Random random)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var lines = bytes.Length == 0 ? [] : Encoding.Latin1.GetString(bytes).Split('\n').ToList();
        int line = lines.Count == 0 ? 0 : random.Next(lines.Count);
        byte[] noise = [(byte)'\t', (byte)',', (byte)':', (byte)'-', (byte)'.', (byte)'9', (byte)'0', (byte)'"', (byte)'|', 0, 0xFF, (byte)'\r', (byte)'\n', (byte)'x', (byte)' '];
        switch (random.Next(8))
        {
            case 6:
                // A line longer than any loader reads (1 MiB): refused at the limit, not read to the end of memory.
                lines.Insert(line, new string(random.Next(2) == 0 ? '9' : ' ', InputFiles.MaxLineBytes + 1));
                File.WriteAllBytes(path, Encoding.Latin1.GetBytes(string.Join('\n', lines)));
                return "huge line";
            case 7 when SpecialFiles.Supported:
                File.Delete(path);
                if (random.Next(2) == 0)
                {
                    SpecialFiles.LinkToPipe(path);
                }
                else
                {
                    SpecialFiles.LinkToZeros(path);
                }

                return "special file";
            case 0:
                for (int f = 0; f <= random.Next(3) && bytes.Length > 0; f++)
                {
                    bytes[random.Next(bytes.Length)] = noise[random.Next(noise.Length)];
                }

                File.WriteAllBytes(path, bytes);
                return "changed bytes";
            case 1:
                File.WriteAllBytes(path, bytes[..random.Next(bytes.Length + 1)]);
                return "truncated file";
            case 2:
                if (lines.Count > 0)
                {
                    lines.RemoveAt(line);
                }

                break;
            case 3:
                if (lines.Count > 0)
                {
                    lines.Insert(line, lines[line]);
                }

                break;
            case 4:
                lines.Insert(line, string.Join(random.Next(2) == 0 ? "\t" : ",", Enumerable.Range(0, random.Next(6)).Select(_ => random.Next(3) switch
                {
                    0 => random.NextInt64(-5, 99999999999).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    1 => (random.Next(0, 12) / 2.0).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    _ => "x" + random.Next(100),
                })));
                break;
            default:
                if (lines.Count > 0 && lines[line].Length > 0)
                {
                    lines[line] = lines[line][..random.Next(lines[line].Length)];
                }

                break;
        }

        File.WriteAllBytes(path, Encoding.Latin1.GetBytes(string.Join('\n', lines)));
        return "edited line";
    }
}
