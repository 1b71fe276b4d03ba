using Grpc.Core;

namespace Ledger.Network.Handshake;

/// <summary>A refused handshake or sync request: the gRPC status the refusing side answers with and why.</summary>
public sealed class HandshakeException(StatusCode code, string message) : Exception(message)
{
    public StatusCode Code { get; } = code;

    public RpcException ToRpcException() => new(new Status(Code, Message));
}
