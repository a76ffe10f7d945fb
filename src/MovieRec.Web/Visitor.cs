using MovieRec.Content;
using MovieRec.Recommendation;

namespace MovieRec.Web;

/// <summary>One visitor's state: the movies shown so far, the five on screen, the likes (a running-average profile) and
/// the genres of the liked movies. Guarded by its own lock.</summary>
internal sealed class Visitor
{
    public const int PageSize = 5;

    private readonly Catalogue _catalogue;
    private readonly Random _random;
    private readonly HashSet<int> _shown = [];
    private readonly Dictionary<string, int> _genres = new(StringComparer.Ordinal);
    private ContentProfile _profile;
    private int[] _current = [];

    public Visitor(Catalogue catalogue, int seed)
    {
        _catalogue = catalogue;
        _random = new Random(seed);
        _profile = catalogue.Model.NewProfile();
        Next();
    }

    public Lock Gate { get; } = new();

    public long LastSeen { get; set; } = Environment.TickCount64;

    /// <summary>Checks the ticked movies: each one of the five on screen, none twice.</summary>
    public string? Check(IReadOnlyList<int> liked)
    {
        if (liked.Count > PageSize)
        {
            return $"{liked.Count} movies were ticked; at most {PageSize} are on the page.";
        }

        foreach (int id in liked)
        {
            if (Array.IndexOf(_current, id) < 0)
            {
                return $"Movie {id} is not on your page; tick only the movies shown.";
            }
        }

        return liked.Distinct().Count() != liked.Count ? "A movie was ticked twice." : null;
    }

    /// <summary>Adds the likes (one at a time, the running average) and puts the next five on screen.</summary>
    public void Submit(IReadOnlyList<int> liked)
    {
        foreach (int movie in liked)
        {
            _catalogue.Model.AddLike(_profile, movie);
            foreach (string genre in _catalogue.GenreNames(movie))
            {
                _genres[genre] = _genres.GetValueOrDefault(genre) + 1;
            }
        }

        Next();
    }

    public void Reset()
    {
        _shown.Clear();
        _genres.Clear();
        _profile = _catalogue.Model.NewProfile();
        Next();
    }

    public object State() => new
    {
        movies = _current.Select(_catalogue.Describe).ToArray(),
        topGenres = _genres.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(5).Select(p => new { genre = p.Key, count = p.Value }).ToArray(),
        likes = _profile.Count,
        shown = _shown.Count,
        catalogue = _catalogue.Source,
    };

    private void Next()
    {
        int[] next;
        if (_profile.Count > 0)
        {
            next = [.. _catalogue.Model.Recommend(_profile, new RecommendationOptions { Count = PageSize }, [.. _shown]).Select(r => r.Index)];
        }
        else
        {
            var unseen = Enumerable.Range(1, _catalogue.Count).Where(m => !_shown.Contains(m)).ToArray();
            _random.Shuffle(unseen);
            next = unseen.Length > PageSize ? unseen[..PageSize] : unseen;
        }

        foreach (int movie in next)
        {
            _shown.Add(movie);
        }

        _current = next;
    }
}
