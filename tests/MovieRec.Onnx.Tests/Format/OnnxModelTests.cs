using MovieRec.Onnx.Format;

namespace MovieRec.Onnx.Tests.Format;

[TestFixture]
public sealed class OnnxModelTests
{
    private string _folder = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = Path.Combine(Path.GetTempPath(), "movierec-model-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    internal static OnnxModel BuildScorer(int rows = 6, int width = 4, int hidden = 3)
    {
        var random = new Random(7);
        float[] table = Enumerable.Range(0, rows * width).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        float[] weight = Enumerable.Range(0, width * hidden).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        float[] bias = Enumerable.Range(0, hidden).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();

        var g = new OnnxGraphBuilder("scorer");
        var ids = g.AddInput("ids", OnnxElementType.Int64, "batch");
        var embedding = g.AddInitializer("embedding", OnnxTensorData.FromFloats(table, rows, width));
        var w = g.AddInitializer("w", OnnxTensorData.FromFloats(weight, width, hidden));
        var b = g.AddInitializer("b", OnnxTensorData.FromFloats(bias, hidden));
        var axes = g.AddInitializer("axes", OnnxTensorData.FromInt64s([1], 1));
        var gathered = g.AddNode("Gather", [embedding, ids]);
        var product = g.AddNode("MatMul", [gathered, w]);
        var shifted = g.AddNode("Add", [product, b]);
        var activated = g.AddNode("Relu", [shifted]);
        var score = g.AddNode("ReduceSum", [activated, axes], [OnnxAttribute.Int("keepdims", 0)], outputName: "score");
        g.AddOutput(score, OnnxElementType.Float, "batch");
        g.SetMetadata("movierec.kind", "test-scorer");
        return g.Build(docString: "A tiny embedding scorer.");
    }

    [Test]
    public void Build_DeclaresVersionsInputsOutputsAndMetadata()
    {
        var model = BuildScorer();

        Assert.Multiple(() =>
        {
            Assert.That(model.IrVersion, Is.EqualTo(8));
            Assert.That(model.Opset, Is.EqualTo(17));
            Assert.That(model.Producer, Is.EqualTo("MovieRec"));
            Assert.That(model.Inputs.Select(i => i.Name), Is.EqualTo(new[] { "ids" }));
            Assert.That(model.Inputs[0].ElementType, Is.EqualTo(OnnxElementType.Int64));
            Assert.That(model.Inputs[0].Shape[0].Symbol, Is.EqualTo("batch"));
            Assert.That(model.Outputs.Select(o => o.Name), Is.EqualTo(new[] { "score" }));
            Assert.That(model.Metadata["movierec.kind"], Is.EqualTo("test-scorer"));
            Assert.That(model.OperatorTypes, Is.EqualTo(new[] { "Gather", "MatMul", "Add", "Relu", "ReduceSum" }));
        });
    }

    [Test]
    public void SaveLoadSave_IsByteIdentical()
    {
        var model = BuildScorer();
        string first = Path.Combine(_folder, "a.onnx");
        string second = Path.Combine(_folder, "b.onnx");

        model.Save(first);
        OnnxModel.Load(first).Save(second);

        Assert.That(File.ReadAllBytes(second), Is.EqualTo(File.ReadAllBytes(first)));
        Assert.That(File.ReadAllBytes(first), Is.EqualTo(model.ToBytes()));
    }

    [Test]
    public void Save_LeavesNoTemporaryFiles_AndReplacesAnExistingFile()
    {
        string path = Path.Combine(_folder, "model.onnx");
        File.WriteAllText(path, "old");

        BuildScorer().Save(path);

        Assert.That(Directory.GetFiles(_folder), Is.EqualTo(new[] { path }));
        Assert.That(OnnxModel.Load(path).GraphName, Is.EqualTo("scorer"));
    }

    [Test]
    public void WrittenModel_PassesTheReferenceChecker()
    {
        string path = Path.Combine(_folder, "model.onnx");
        BuildScorer().Save(path);

        ReferenceChecker.AssertValid(path);
    }

    [Test]
    public void Initializers_RoundTripTheirValues()
    {
        float[] values = [1.5f, -2f, 3.25f, 0f, 7f, 8f];
        var g = new OnnxGraphBuilder();
        var w = g.AddInitializer("w", OnnxTensorData.FromFloats(values, 2, 3));
        g.AddOutput(g.AddNode("Identity", [w]), OnnxElementType.Float, 2, 3);
        var loaded = OnnxModel.FromBytes(g.Build().ToBytes());

        var data = loaded.GetInitializer("w");

        Assert.That(data.Dims, Is.EqualTo(new long[] { 2, 3 }));
        Assert.That(data.ToFloats(), Is.EqualTo(values));
    }

    [Test]
    public void WithInitializers_ReplacesValues_AndRejectsAShapeChange()
    {
        var model = BuildScorer(rows: 6, width: 4, hidden: 3);
        float[] zeros = new float[12];

        var updated = model.WithInitializers(new Dictionary<string, OnnxTensorData> { ["w"] = OnnxTensorData.FromFloats(zeros, 4, 3) });

        Assert.That(updated.GetInitializer("w").ToFloats(), Is.All.EqualTo(0f));
        Assert.That(model.GetInitializer("w").ToFloats(), Has.Some.Not.EqualTo(0f), "the original model is unchanged");
        var error = Assert.Throws<ArgumentException>(() =>
            model.WithInitializers(new Dictionary<string, OnnxTensorData> { ["w"] = OnnxTensorData.FromFloats(zeros, 3, 4) }));
        Assert.That(error!.Message, Does.Contain("Float[4, 3]").And.Contain("Float[3, 4]"));
    }

    [Test]
    public void FromBytes_RandomOrTruncatedBytes_ThrowInvalidDataException()
    {
        byte[] valid = BuildScorer().ToBytes();
        byte[] random = new byte[200];
        new Random(3).NextBytes(random);

        Assert.Multiple(() =>
        {
            Assert.Throws<InvalidDataException>(() => OnnxModel.FromBytes(random, "random.onnx"));
            var error = Assert.Throws<InvalidDataException>(() => OnnxModel.FromBytes(valid.AsSpan(0, valid.Length / 2), "half.onnx"));
            Assert.That(error!.Message, Does.Contain("half.onnx"));
            Assert.Throws<InvalidDataException>(() => OnnxModel.FromBytes([], "empty.onnx"));
        });
    }

    [Test]
    public void Load_MissingFile_NamesThePath()
    {
        string path = Path.Combine(_folder, "missing.onnx");

        var error = Assert.Throws<FileNotFoundException>(() => OnnxModel.Load(path));

        Assert.That(error!.Message, Does.Contain(path));
    }

    [Test]
    public void An_id_lookup_reads_raw_ids_and_gives_unknown_ids_row_zero()
    {
        var plain = BuildScorer();
        var looked = plain.WithIdLookup("ids", "movie_id", OnnxElementType.Int32, [70, 50, 90], [1, 2, 5]);
        long[] indices = [1, 2, 5, 0, 0];
        int[] raw = [70, 50, 90, 12, -3];

        using var plainSession = TestSessions.Open(plain.ToBytes());
        using var lookedSession = TestSessions.Open(looked.ToBytes());
        using var indexTensor = TestSessions.Tensor(indices, indices.Length);
        using var idTensor = TestSessions.Tensor(raw, raw.Length);
        float[] expected = TestSessions.Run<float>(plainSession, new Dictionary<string, Microsoft.ML.OnnxRuntime.OrtValue> { ["ids"] = indexTensor })[0];
        float[] scores = TestSessions.Run<float>(lookedSession, new Dictionary<string, Microsoft.ML.OnnxRuntime.OrtValue> { ["movie_id"] = idTensor })[0];

        Assert.Multiple(() =>
        {
            Assert.That(scores, Is.EqualTo(expected));
            Assert.That(looked.Inputs.Select(i => (i.Name, i.ElementType)), Is.EqualTo(new[] { ("movie_id", OnnxElementType.Int32) }));
        });
    }

    [Test]
    public void An_id_lookup_refuses_a_missing_input_a_taken_name_and_a_ragged_table()
    {
        var model = BuildScorer();

        Assert.Multiple(() =>
        {
            Assert.That(() => model.WithIdLookup("user", "user_id", [1f], [1]), Throws.ArgumentException.With.Message.Contains("'user' is not an input"));
            Assert.That(() => model.WithIdLookup("ids", "embedding", [1f], [1]), Throws.ArgumentException.With.Message.Contains("'embedding' already names a value"));
            Assert.That(() => model.WithIdLookup("ids", "id", [1f, 2f], [1]), Throws.ArgumentException.With.Message.Contains("2 ids but 1 indices"));
            Assert.That(() => model.WithIdLookup("ids", "id", OnnxElementType.Float, [1], [1]), Throws.ArgumentException.With.Message.Contains("Int64, Int32 or UInt32"));
        });
    }
}
