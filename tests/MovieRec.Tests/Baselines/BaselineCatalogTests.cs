using MovieRec.Baselines;

namespace MovieRec.Tests.Baselines;

public sealed class BaselineCatalogTests
{
    [Test]
    public void Every_registered_name_creates_a_trainer_of_that_name()
    {
        foreach (string name in BaselineCatalog.ModelNames)
        {
            Assert.That(BaselineCatalog.FromName(name).Name, Is.EqualTo(name));
        }
    }

    [Test]
    public void Unknown_names_are_rejected_with_the_choices()
    {
        var error = Assert.Throws<ArgumentException>(() => BaselineCatalog.FromName("svd++"));
        Assert.That(error!.Message, Does.Contain("svd++").And.Contain("ials"));
    }
}
