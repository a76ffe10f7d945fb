namespace MovieRec.Data;

/// <summary>The genre vocabularies of the MovieLens releases.</summary>
public static class MovieLensGenres
{
    /// <summary>The 18 genres of MovieLens 1M, in the order of its README.</summary>
    public static IReadOnlyList<string> MovieLens1M { get; } =
    [
        "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama", "Fantasy",
        "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
    ];

    /// <summary>
    /// The genres of the CSV releases (latest, 20M, 25M) in alphabetical order; a loader appends any
    /// other genre it meets, in first-seen order. "(no genres listed)" means no genre.
    /// </summary>
    public static IReadOnlyList<string> CsvReleases { get; } =
    [
        "Action", "Adventure", "Animation", "Children", "Comedy", "Crime", "Documentary", "Drama", "Fantasy",
        "Film-Noir", "Horror", "IMAX", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
    ];

    /// <summary>What the CSV releases write for a movie without genres.</summary>
    public const string NoGenresListed = "(no genres listed)";

    /// <summary>The 21 occupations of MovieLens 1M by code 0..20, as its README lists them.</summary>
    public static IReadOnlyList<string> MovieLens1MOccupations { get; } =
    [
        "other", "academic/educator", "artist", "clerical/admin", "college/grad student", "customer service",
        "doctor/health care", "executive/managerial", "farmer", "homemaker", "K-12 student", "lawyer",
        "programmer", "retired", "sales/marketing", "scientist", "self-employed", "technician/engineer",
        "tradesman/craftsman", "unemployed", "writer",
    ];
}
