using MovieRec.Data;

namespace MovieRec.Splits;

/// <summary>A split of one ratings table into training and test ratings (indices of the same maps).</summary>
public sealed class TrainTestSplit
{
    internal TrainTestSplit(RatingsTable train, RatingsTable test)
    {
        Train = train;
        Test = test;
    }

    /// <summary>Ratings to fit on.</summary>
    public RatingsTable Train { get; }

    /// <summary>Held-out ratings to evaluate on.</summary>
    public RatingsTable Test { get; }

    /// <summary>Builds a split from two tables that share the same id maps.</summary>
    /// <param name="train">Training ratings.</param>
    /// <param name="test">Test ratings.</param>
    public static TrainTestSplit Create(RatingsTable train, RatingsTable test)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        return new TrainTestSplit(train, test);
    }

    internal static TrainTestSplit FromMask(RatingsTable ratings, bool[] isTest)
    {
        int testCount = isTest.Count(t => t);
        var trainRows = new int[ratings.Count - testCount];
        var testRows = new int[testCount];
        int a = 0;
        int b = 0;
        for (int i = 0; i < isTest.Length; i++)
        {
            if (isTest[i])
            {
                testRows[b++] = i;
            }
            else
            {
                trainRows[a++] = i;
            }
        }

        return new TrainTestSplit(ratings.Subset(trainRows), ratings.Subset(testRows));
    }
}
