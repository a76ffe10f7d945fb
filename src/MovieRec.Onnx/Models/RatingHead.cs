namespace MovieRec.Onnx.Models;

/// <summary>How the CNN rating models turn the user and movie vectors into a rating.</summary>
public enum RatingHead
{
    /// <summary>Dot product of the two 200-d vectors (the LSTM-CNN paper).</summary>
    Dot,

    /// <summary>
    /// The text-CNN paper's fully connected head y = W3(relu(W1 u + b1) + relu(W2 v + b2)) + b3.
    /// Because the two branches are summed before the last linear map, the score splits into a
    /// user part plus a movie part: there is no user–movie interaction, so every user ranks the
    /// movies in the same order.
    /// </summary>
    FullyConnected,
}
