namespace MovieRec.Onnx.Models.RatingCnn;

/// <summary>Which of the two CNN rating models to build.</summary>
public enum RatingCnnVariant
{
    /// <summary>Title words → embedding → LSTM → text CNN (the LSTM-CNN paper).</summary>
    LstmCnn,

    /// <summary>Title words → embedding → text CNN, no LSTM (the text-CNN paper).</summary>
    TextCnn,
}
