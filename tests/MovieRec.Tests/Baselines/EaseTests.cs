using MovieRec.Abstractions;
using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Tests.Contract;

namespace MovieRec.Tests.Baselines;

public sealed class EaseTests : RatingPredictorContract
{
    protected override bool LearnsRatings => false;

    protected override IRatingTrainer CreateTrainer() => BaselineCatalog.Ease(new EaseOptions { Lambda = 10, NumberOfThreads = 2 });

    [Test]
    public void Options_have_documented_defaults_and_the_name_is_registered()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new EaseOptions().Lambda, Is.EqualTo(EaseOptions.Defaults.Lambda));
            Assert.That(BaselineCatalog.FromName("EASE").Name, Is.EqualTo("ease"));
            Assert.That(BaselineCatalog.ModelNames, Does.Contain("ease"));
            Assert.That(() => BaselineCatalog.Ease(new EaseOptions { Lambda = 0 }), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("Lambda"));
            Assert.That(() => BaselineCatalog.Ease(new EaseOptions { Lambda = double.NaN }), Throws.InstanceOf<ArgumentOutOfRangeException>());
        });
    }

    [Test]
    public void Scores_are_the_closed_form_of_Steck_2019()
    {
        // Four users over five movies, rating values ignored; movie 5 has no interaction.
        var train = RatingsTable.Create([1, 1, 1, 2, 2, 3, 3, 3, 4, 4], [1, 2, 3, 1, 2, 2, 3, 4, 1, 4], [5, 1, 3, 2, 4, 1, 5, 2, 3, 3]);
        const double lambda = 2;
        var model = (EaseModel)BaselineCatalog.Ease(new EaseOptions { Lambda = lambda }).Fit(train);

        // Reference: G = XᵀX + λI over movies 1–4, P = G⁻¹ by a textbook Gauss–Jordan, B_ij = −P_ij / P_jj, B_jj = 0.
        int[][] history = [[], [1, 2, 3], [1, 2], [2, 3, 4], [1, 4]];
        var g = new double[4, 4];
        foreach (var items in history)
        {
            foreach (int i in items)
            {
                foreach (int j in items)
                {
                    g[i - 1, j - 1] += 1;
                }
            }
        }

        for (int i = 0; i < 4; i++)
        {
            g[i, i] += lambda;
        }

        var p = Invert(g);
        Assert.That(model.ItemCount, Is.EqualTo(4));
        for (int u = 1; u <= 4; u++)
        {
            for (int m = 1; m <= 4; m++)
            {
                double expected = history[u].Where(j => j != m).Sum(j => -p[j - 1, m - 1] / p[m - 1, m - 1]);
                Assert.That(model.Predict(u, m), Is.EqualTo(expected).Within(1e-5), $"user {u}, movie {m}");
            }

            Assert.That(model.Predict(u, 5), Is.Zero, "a movie with no interaction");
        }
    }

    [Test]
    public void The_blocked_inverse_matches_the_identity_over_several_panels_and_any_thread_count()
    {
        const int n = 150; // three panels, the last one partial
        var random = new Random(3);
        var x = new double[n * 40];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = random.Next(2);
        }

        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = i == j ? 5 : 0;
                for (int k = 0; k < 40; k++)
                {
                    s += x[(i * 40) + k] * x[(j * 40) + k];
                }

                a[(i * n) + j] = s;
            }
        }

        var one = (double[])a.Clone();
        var two = (double[])a.Clone();
        SymmetricInverse.Invert(one, n, threads: 1);
        SymmetricInverse.Invert(two, n, threads: 2);
        Assert.That(two, Is.EqualTo(one), "the inverse does not depend on the thread count");
        double worst = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int k = 0; k < n; k++)
                {
                    s += a[(i * n) + k] * one[(k * n) + j];
                }

                worst = Math.Max(worst, Math.Abs(s - (i == j ? 1 : 0)));
            }
        }

        Assert.That(worst, Is.LessThan(1e-9));
        var notPositive = new double[] { 1, 2, 2, 1 };
        Assert.That(() => SymmetricInverse.Invert(notPositive, 2, 1), Throws.ArgumentException.With.Message.Contains("not positive definite"));
    }

    [Test]
    public void On_full_ranking_it_beats_popularity_and_bpr_learns_too()
    {
        // Three taste groups of 100 users, each liking its own 40 movies: popularity is flat across groups, taste is not.
        var random = new Random(3);
        var (users, movies, values) = (new List<int>(), new List<int>(), new List<float>());
        for (int u = 1; u <= 300; u++)
        {
            for (int m = 1; m <= 120; m++)
            {
                bool own = (m - 1) / 40 == (u - 1) / 100;
                if (random.NextDouble() < (own ? 0.4 : 0.05))
                {
                    users.Add(u);
                    movies.Add(m);
                    values.Add(own ? 5 : 4);
                }
            }
        }

        var ratings = RatingsTable.Create([.. users], [.. movies], [.. values]);
        var report = ExperimentRunner.Run(
            ratings,
            [BaselineCatalog.Ease(new EaseOptions { Lambda = 20 }), BaselineCatalog.Bpr(new BprOptions { NumberOfIterations = 30, ApproximationRank = 32 }), BaselineCatalog.Popularity()],
            new ExperimentOptions { Protocol = EvaluationProtocol.FullRanking, TopKs = [10, 20] });
        double Ndcg(string model) => report.Models.Single(r => r.Model == model).Metrics["NDCG@10"].Mean;
        Assert.Multiple(() =>
        {
            Assert.That(Ndcg("ease"), Is.GreaterThan(Ndcg("pop")));
            Assert.That(Ndcg("bpr"), Is.GreaterThan(Ndcg("pop")));
        });
    }

    private static double[,] Invert(double[,] m)
    {
        int n = m.GetLength(0);
        var a = new double[n, 2 * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                a[i, j] = m[i, j];
            }

            a[i, n + i] = 1;
        }

        for (int k = 0; k < n; k++)
        {
            double pivot = a[k, k];
            for (int j = 0; j < 2 * n; j++)
            {
                a[k, j] /= pivot;
            }

            for (int i = 0; i < n; i++)
            {
                if (i != k)
                {
                    double f = a[i, k];
                    for (int j = 0; j < 2 * n; j++)
                    {
                        a[i, j] -= f * a[k, j];
                    }
                }
            }
        }

        var inverse = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                inverse[i, j] = a[i, n + j];
            }
        }

        return inverse;
    }
}
