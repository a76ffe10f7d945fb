namespace MovieRec.Onnx.Models.Ncf;

/// <summary>How an implicit-feedback NCF model chooses how many epochs to train.</summary>
/// <remarks>
/// The choice uses a validation leave-one-out carved from the training ratings: each user's latest
/// training interaction (users with two or more) is held out and ranked among 99 sampled movies the
/// user never rated; after every epoch the held-out movies' NDCG@10 is measured and the best epoch of
/// each stage (GMF and MLP pre-training, then the model itself) is kept. The test ratings are never used.
/// The rating task ignores this setting.
/// </remarks>
public enum NcfEpochSelection
{
    /// <summary>Train every stage for the configured epochs.</summary>
    None,

    /// <summary>
    /// Choose each stage's epochs on the validation split, then train again on all the training ratings
    /// for those epochs (about twice the training time).
    /// </summary>
    Retrain,

    /// <summary>Train on the ratings without the validation interactions and keep each stage's best weights.</summary>
    KeepBest,
}
