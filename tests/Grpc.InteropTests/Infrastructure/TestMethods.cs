using DoanKetSangTao.Contracts.Registration.V1;
using Google.Protobuf;
using Grpc.Core;

namespace DoanKetSangTao.Tests.GrpcInteropTests.Infrastructure;

/// <summary>Method descriptors for calls made through a CallInvoker directly (the generated ones are private).</summary>
internal static class TestMethods
{
    public const string Service = "doanketsangtao.registration.v1.InitiativeLookup";

    private static readonly Marshaller<GetInitiativeRequest> Request = Marshallers.Create(r => r.ToByteArray(), GetInitiativeRequest.Parser.ParseFrom);

    private static readonly Marshaller<InitiativeReply> Reply = Marshallers.Create(r => r.ToByteArray(), InitiativeReply.Parser.ParseFrom);

    public static readonly Method<GetInitiativeRequest, InitiativeReply> GetInitiative =
        new(MethodType.Unary, Service, "GetInitiative", Request, Reply);

    public static readonly Method<GetInitiativeRequest, InitiativeReply> NoSuchMethod =
        new(MethodType.Unary, Service, "NoSuchMethod", Request, Reply);
}
