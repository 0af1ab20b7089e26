using DoanKetSangTao.Contracts.Registration.V1;
using DoanKetSangTao.ServiceDefaults.Grpc;

namespace DoanKetSangTao.Tests.GrpcInteropTests.Infrastructure;

/// <summary>Method descriptors for calls made through a CallInvoker directly (the generated ones are private).</summary>
internal static class TestMethods
{
    public const string Service = "doanketsangtao.registration.v1.InitiativeLookup";

    public static readonly Method<GetInitiativeRequest, InitiativeReply> GetInitiative =
        new(MethodType.Unary, Service, "GetInitiative", GetInitiativeRequest.Parser, InitiativeReply.Parser);

    public static readonly Method<GetInitiativeRequest, InitiativeReply> NoSuchMethod =
        new(MethodType.Unary, Service, "NoSuchMethod", GetInitiativeRequest.Parser, InitiativeReply.Parser);
}
