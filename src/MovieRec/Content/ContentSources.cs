namespace MovieRec.Content;

/// <summary>What a content model reads about a movie beyond its title and genres (<see cref="ContentOptions.Sources"/>).</summary>
[Flags]
public enum ContentSources
{
    /// <summary>The title (year removed) and genres only.</summary>
    None = 0,

    /// <summary>The plot description, in place of the title and genres, where the dataset has one (for example joined
    /// from the Netflix titles).</summary>
    Descriptions = 1,

    /// <summary>The users' tags (<see cref="Data.RecommendationDataset.Tags"/>) whose tagger's rating of the movie is
    /// among the training ratings, most used first.</summary>
    Tags = 2,

    /// <summary>Descriptions and tags.</summary>
    All = Descriptions | Tags,
}
