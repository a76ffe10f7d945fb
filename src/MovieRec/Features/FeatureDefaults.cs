namespace MovieRec.Features;

/// <summary>Default values of the feature encoders, written once.</summary>
public static class FeatureDefaults
{
    /// <summary>Title length in words: 15, as the LSTM-CNN paper pads ML-1M titles.</summary>
    public const int TitleLength = 15;

    /// <summary>Genre slots per movie: 18, the number of ML-1M genres.</summary>
    public const int GenreLength = 18;
}
