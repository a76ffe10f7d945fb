namespace MovieRec.AspNetCore.Http;

/// <summary>The body of <c>PUT /users/{userId}/ratings/{movieId}</c>.</summary>
/// <param name="Rating">The rating, on the dataset's scale (<c>GET /models</c> says which).</param>
public sealed record RatingBody(float? Rating);

/// <summary>One rating: of <c>POST /users/{userId}/ratings</c> and of <c>GET /users/{userId}/ratings</c>.</summary>
/// <param name="MovieId">The dataset's movie id.</param>
/// <param name="Rating">The rating.</param>
/// <param name="RatedAt">When it was given (Unix seconds); ignored in a request.</param>
public sealed record RatingItem(long MovieId, float Rating, long RatedAt = 0);

/// <summary>The body of <c>POST /users</c>: a new user's optional demographics.</summary>
/// <param name="Gender">F or M.</param>
/// <param name="Age">Age in years, 1 to 120.</param>
/// <param name="Occupation">Occupation as the dataset encodes it, 0 or more.</param>
public sealed record NewUser(string? Gender, int? Age, int? Occupation);

/// <summary>A user.</summary>
/// <param name="UserId">The user's id.</param>
/// <param name="Gender">F, M or null.</param>
/// <param name="Age">Age in years or null.</param>
/// <param name="Occupation">Occupation or null.</param>
public sealed record UserInfo(long UserId, string? Gender, int? Age, int? Occupation);

/// <summary>A movie of the catalogue.</summary>
/// <param name="MovieId">The dataset's movie id.</param>
/// <param name="Title">Its title.</param>
/// <param name="Genres">Its genres.</param>
/// <param name="Year">Its release year, 0 when unknown.</param>
public sealed record MovieInfo(long MovieId, string Title, IReadOnlyList<string> Genres, int Year);

/// <summary>The serving model (<c>GET /models</c>).</summary>
/// <param name="Version">Its version in the registry.</param>
/// <param name="Name">The model (for example <c>mf</c>).</param>
/// <param name="TrainedAt">When it was trained.</param>
/// <param name="Ratings">Ratings it was trained on.</param>
/// <param name="Users">Users it was trained on.</param>
/// <param name="Movies">Movies of its catalogue.</param>
/// <param name="ValidationRmse">RMSE on a 10 % validation slice, or null (a ranking model, a bundle dropped in by hand).</param>
/// <param name="FoldsIn">Whether it folds users in from their current ratings (latent-factor models).</param>
/// <param name="RatingScale">The ratings the API accepts.</param>
/// <param name="LastRefusal">Why the last bundle offered was refused, or null.</param>
public sealed record ModelInfo(long Version, string Name, DateTimeOffset TrainedAt, long Ratings, long Users, long Movies, double? ValidationRmse, bool FoldsIn, string RatingScale, string? LastRefusal);

/// <summary>The body of <c>PUT /visitor/ratings/{movieId}</c>: an opinion, or a rating.</summary>
/// <param name="Opinion"><c>like</c> (the top of the scale) or <c>dislike</c> (the bottom).</param>
/// <param name="Rating">A rating on the scale instead.</param>
public sealed record OpinionBody(string? Opinion, float? Rating);

/// <summary>One of a visitor's ratings.</summary>
/// <param name="MovieId">The dataset's movie id.</param>
/// <param name="Title">Its title.</param>
/// <param name="Genres">Its genres.</param>
/// <param name="Rating">The rating.</param>
/// <param name="Opinion"><c>like</c>, <c>dislike</c> or <c>rated</c> (a rating in between).</param>
public sealed record VisitorRating(long MovieId, string Title, IReadOnlyList<string> Genres, float Rating, string Opinion);

/// <summary>A genre and how many liked movies have it.</summary>
/// <param name="Genre">The genre.</param>
/// <param name="Count">Liked movies of the genre.</param>
public sealed record GenreCount(string Genre, int Count);

/// <summary>A visitor as the page shows them (<c>GET /visitor</c>).</summary>
/// <param name="Known">Whether the visitor has a state yet (they get one with their first rating).</param>
/// <param name="Ratings">Their ratings, latest first.</param>
/// <param name="TopGenres">The five genres of their liked movies they like most.</param>
/// <param name="RatingScale">The ratings the server accepts.</param>
public sealed record VisitorState(bool Known, IReadOnlyList<VisitorRating> Ratings, IReadOnlyList<GenreCount> TopGenres, string RatingScale);
