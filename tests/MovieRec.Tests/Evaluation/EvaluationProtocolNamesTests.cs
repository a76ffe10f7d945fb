using MovieRec.Evaluation;

namespace MovieRec.Tests.Evaluation;

public sealed class EvaluationProtocolNamesTests
{
    [Test]
    public void Names_round_trip()
    {
        foreach (var protocol in Enum.GetValues<EvaluationProtocol>())
        {
            Assert.That(EvaluationProtocolNames.Parse(EvaluationProtocolNames.NameOf(protocol)), Is.EqualTo(protocol));
        }

        Assert.That(EvaluationProtocolNames.Parse("LOO-99"), Is.EqualTo(EvaluationProtocol.LeaveOneOut99));
        Assert.That(Assert.Throws<ArgumentException>(() => EvaluationProtocolNames.Parse("kfold"))!.Message, Does.Contain("random-80-20"));
    }
}
