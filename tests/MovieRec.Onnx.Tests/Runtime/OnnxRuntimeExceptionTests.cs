using MovieRec.Onnx.Runtime;

namespace MovieRec.Onnx.Tests.Runtime;

public sealed class OnnxRuntimeExceptionTests
{
    private const string SessionCreationMessage =
        "/onnxruntime_src/onnxruntime/core/graph/model.cc:202 onnxruntime::Model::Model(onnx::ModelProto&&, const onnxruntime::PathString&, "
        + "const onnxruntime::IOnnxRuntimeOpSchemaRegistryList*, const onnxruntime::logging::Logger&, const onnxruntime::ModelOptions&) "
        + "Unsupported model IR version: 99, max supported IR version: 13";

    [Test]
    public void Keeps_the_explanation_after_a_source_location_and_signature_and_the_whole_text_in_Details()
    {
        var exception = new OnnxRuntimeException(OrtErrorCode.Fail, SessionCreationMessage);

        Assert.That(exception.ErrorCode, Is.EqualTo(OrtErrorCode.Fail));
        Assert.That(exception.Message, Does.StartWith("Unsupported model IR version: 99, max supported IR version: 13"));
        Assert.That(exception.Message, Does.Not.Contain("model.cc").And.Not.Contain("ModelProto&&"));
        Assert.That(exception.Details, Is.EqualTo(SessionCreationMessage));
    }

    [Test]
    public void Keeps_text_before_a_source_location_and_a_const_signature()
    {
        const string Message = "Exception during initialization: /src/core/providers/cpu/math/gemm.cc:117 virtual onnxruntime::common::Status onnxruntime::Gemm<float>::Compute(onnxruntime::OpKernelContext*) const Gemm: invalid shapes";

        var summary = new OnnxRuntimeException(OrtErrorCode.RuntimeException, Message).Message;

        Assert.That(summary, Does.StartWith("Exception during initialization: Gemm: invalid shapes"));
    }

    [Test]
    public void Leaves_plain_messages_alone_and_drops_the_status_prefix()
    {
        Assert.That(
            new OnnxRuntimeException(OrtErrorCode.InvalidArgument, "Invalid input name: items").Message,
            Does.StartWith("Invalid input name: items").And.Contain("InvalidArgument"));
        Assert.That(
            new OnnxRuntimeException(OrtErrorCode.Fail, "[ONNXRuntimeError] : 1 : FAIL : Failed to load library x.so").Message,
            Does.StartWith("Failed to load library x.so"));
    }

    [Test]
    public void Standard_constructors_use_the_Fail_code()
    {
        var inner = new InvalidOperationException("inner");

        Assert.That(new OnnxRuntimeException().ErrorCode, Is.EqualTo(OrtErrorCode.Fail));
        Assert.That(new OnnxRuntimeException("text").Details, Is.EqualTo("text"));
        Assert.That(new OnnxRuntimeException("text", inner).InnerException, Is.SameAs(inner));
    }
}
