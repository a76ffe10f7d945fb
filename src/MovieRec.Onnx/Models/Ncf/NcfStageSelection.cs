namespace MovieRec.Onnx.Models.Ncf;

/// <summary>What epoch selection chose for one NCF training stage.</summary>
/// <param name="Stage">The model the stage trains: GMF or MLP (pre-training) or the model itself.</param>
/// <param name="Epochs">The chosen epoch count (0: a fine-tuning stage kept its pre-trained weights).</param>
/// <param name="ValidationNdcg">NDCG@10 on the validation leave-one-out at that epoch.</param>
public readonly record struct NcfStageSelection(NcfArchitecture Stage, int Epochs, double ValidationNdcg);
