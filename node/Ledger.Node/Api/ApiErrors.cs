using Grpc.Core;

namespace Ledger.Node.Api;

/// <summary>gRPC statuses with a sentence the caller can show a user as it is.</summary>
internal static class ApiErrors
{
    public static RpcException InvalidArgument(string message) => new(new Status(StatusCode.InvalidArgument, message));

    public static RpcException NotFound(string message) => new(new Status(StatusCode.NotFound, message));

    public static RpcException FailedPrecondition(string message) => new(new Status(StatusCode.FailedPrecondition, message));

    public static RpcException ResourceExhausted(string message) => new(new Status(StatusCode.ResourceExhausted, message));
}
