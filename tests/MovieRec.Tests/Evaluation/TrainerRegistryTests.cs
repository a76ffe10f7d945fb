using MovieRec.Baselines;

namespace MovieRec.Tests.Evaluation;

public sealed class TrainerRegistryTests
{
    [Test]
    public void FromName_FallsBackToTheBaselines()
    {
        Assert.Multiple(() =>
        {
            Assert.That(TrainerRegistry.FromName("ials").Name, Is.EqualTo("ials"));
            Assert.That(TrainerRegistry.FromName(" POP ").Name, Is.EqualTo("pop"));
            Assert.That(TrainerRegistry.ModelNames, Is.SupersetOf(BaselineCatalog.ModelNames));
        });
    }

    [Test]
    public void Register_AddsANameCaseInsensitively()
    {
        TrainerRegistry.Register("registry-test-model", () => BaselineCatalog.Popularity());

        Assert.Multiple(() =>
        {
            Assert.That(TrainerRegistry.FromName("Registry-Test-Model").Name, Is.EqualTo("pop"));
            Assert.That(TrainerRegistry.ModelNames, Does.Contain("registry-test-model"));
        });
    }

    [Test]
    public void Unknown_ListsKnownNames()
    {
        var ex = Assert.Throws<ArgumentException>(() => TrainerRegistry.FromName("no-such-model"))!;

        Assert.That(ex.Message, Does.Contain("'no-such-model'").And.Contain("ials"));
    }

    [TestCase("")]
    [TestCase("a,b")]
    [TestCase(" padded")]
    public void Register_InvalidName_Throws(string name) =>
        Assert.Throws<ArgumentException>(() => TrainerRegistry.Register(name, () => BaselineCatalog.Popularity()));
}
