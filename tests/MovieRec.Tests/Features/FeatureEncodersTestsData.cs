using MovieRec.Data;
using MovieRec.Tests.TestSupport;

namespace MovieRec.Tests.Features;

internal static class FeatureEncodersTestsData
{
    public static RecommendationDataset SmallMovieLens1M(TempFolder folder)
    {
        folder.Write("users.dat", "1::F::1::10::48067\n2::M::56::16::70072\n", System.Text.Encoding.Latin1);
        folder.Write("movies.dat", "1::Toy Story (1995)::Animation|Children's|Comedy\n2::Jumanji (1995)::Adventure|Children's|Fantasy\n", System.Text.Encoding.Latin1);
        folder.Write("ratings.dat", "1::1::5::978300760\n2::2::3::978300761\n");
        return MovieLens1M.Load(folder.Path);
    }
}
