using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Compliance;

/// <summary>
/// Four-eyes requests at rest: the numbered records, each bank's list of open requests (swap-remove, so listing
/// is paged and bounded), carrying out an approved request, and the views the wallet and console read.
/// </summary>
public sealed partial class ComplianceModule
{
    /// <summary>Most ids one openRequests page returns.</summary>
    public const int MaxRequestPage = 200;

    private static readonly uint MintSelector = AbiSelector.Of("mint(address,uint256,bytes32)");
    private static readonly uint BurnSelector = AbiSelector.Of("burn(address,uint256)");
    private static readonly uint BurnWithReferenceSelector = AbiSelector.Of("burn(address,uint256,bytes32)");
    private static readonly uint ForcedTransferSelector = AbiSelector.Of("forcedTransfer(address,address,uint256,bytes32)");
    private static readonly uint RecoverAccountSelector = AbiSelector.Of("recoverAccount(address,address)");

    private byte[] Open(IModuleContext context, RequestKind kind, int bank, Address token, Address account, Address to, UInt256 amount, Hash32 reference)
    {
        var openKey = OpenCountKey(bank);
        var open = context.GetUInt256(openKey).ToUInt64();
        if (open >= MaxOpenRequestsPerBank)
        {
            throw Revert(
                $"{_consortium.DescribeBank(bank)} has {open} open requests, the most allowed; approve, cancel or close expired ones " +
                "(cancelRequest) before making more");
        }

        var id = context.GetUInt256(ComplianceStorage.RequestCountTag).ToUInt64() + 1;
        context.SetUInt256(ComplianceStorage.RequestCountTag, id);
        var now = NowSeconds(context);
        var expires = now + _consortium.FourEyes.RequestTtlSeconds;
        var request = new FourEyesRequest(kind, RequestStatus.Pending, bank, context.Caller, Address.Zero, now, expires, 0, token, account, to, amount, reference);
        Store(context, id, request);
        context.SetStorage(ComplianceStorage.OpenAtKey(bank, open), ToBytes(id));
        context.SetStorage(ComplianceStorage.IdKey(ComplianceStorage.OpenIndexTag, id), ToBytes(open + 1));
        context.SetUInt256(openKey, open + 1);
        Emit(
            context,
            _requestCreated,
            new AbiWriter(3).WriteUInt8((byte)kind).WriteString(_consortium.Banks[bank].Id).WriteUInt64(expires).ToArray(),
            AbiTopic.FromUInt256(id),
            AbiTopic.FromAddress(context.Caller),
            AbiTopic.FromAddress(account));
        return AbiWriter.EncodeUInt256(id);
    }

    /// <summary>Runs the approved operation as this module (the only caller the token and registry accept for it), then closes the request.</summary>
    private void Carry(IModuleContext context, ulong id, FourEyesRequest request)
    {
        var writer = request.Kind switch
        {
            RequestKind.Mint => new AbiWriter(3).WriteAddress(request.Account).WriteUInt256(request.Amount).WriteBytes32(request.Reference),
            RequestKind.Burn when request.Reference == Hash32.Zero => new AbiWriter(2).WriteAddress(request.Account).WriteUInt256(request.Amount),
            RequestKind.Burn => new AbiWriter(3).WriteAddress(request.Account).WriteUInt256(request.Amount).WriteBytes32(request.Reference),
            RequestKind.ForcedTransfer => new AbiWriter(4).WriteAddress(request.Account).WriteAddress(request.To).WriteUInt256(request.Amount).WriteBytes32(request.Reference),
            RequestKind.Recovery => new AbiWriter(2).WriteAddress(request.Account).WriteAddress(request.To),
            _ => throw new InvalidOperationException($"stored request {id} has unknown kind {request.Kind}"),
        };
        var selector = request.Kind switch
        {
            RequestKind.Mint => MintSelector,
            RequestKind.Burn => request.Reference == Hash32.Zero ? BurnSelector : BurnWithReferenceSelector,
            RequestKind.ForcedTransfer => ForcedTransferSelector,
            _ => RecoverAccountSelector,
        };
        var arguments = writer.ToArray();
        var call = new byte[AbiSelector.Length + arguments.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(call, selector);
        arguments.CopyTo(call.AsSpan(AbiSelector.Length));
        var target = request.Kind == RequestKind.Recovery ? _consortium.Registry : request.Token;
        var result = context.CallModule(target, call);
        if (!result.Success)
        {
            throw Revert($"request {id} cannot be carried out now: {result.RevertReason}; it stays open");
        }

        Close(context, id, request with { Status = RequestStatus.Executed });
        Emit(context, _requestExecuted, [], AbiTopic.FromUInt256(id), AbiTopic.FromAddress(context.Caller));
    }

    /// <summary>Stores the final state of a request and takes it off its bank's open list (swap with the last slot).</summary>
    private void Close(IModuleContext context, ulong id, FourEyesRequest request)
    {
        Store(context, id, request);
        var indexKey = ComplianceStorage.IdKey(ComplianceStorage.OpenIndexTag, id);
        var slot = FromBytes(context.GetStorage(Address, indexKey)) - 1;
        var openKey = OpenCountKey(request.Bank);
        var last = context.GetUInt256(openKey).ToUInt64() - 1;
        if (slot != last)
        {
            var moved = context.GetStorage(Address, ComplianceStorage.OpenAtKey(request.Bank, last))
                ?? throw new InvalidOperationException($"open request slot {last} of bank {request.Bank} is empty");
            context.SetStorage(ComplianceStorage.OpenAtKey(request.Bank, slot), moved);
            context.SetStorage(ComplianceStorage.IdKey(ComplianceStorage.OpenIndexTag, FromBytes(moved)), ToBytes(slot + 1));
        }

        context.SetStorage(ComplianceStorage.OpenAtKey(request.Bank, last), []);
        context.SetStorage(indexKey, []);
        context.SetUInt256(openKey, last);
    }

    private void Store(IModuleContext context, ulong id, FourEyesRequest request) =>
        context.SetStorage(ComplianceStorage.IdKey(ComplianceStorage.RequestTag, id), request.Encode());

    private (ulong Id, FourEyesRequest Request) Load(IModuleContext context, UInt256 id)
    {
        var count = context.GetUInt256(ComplianceStorage.RequestCountTag);
        if (id.IsZero || id > count)
        {
            throw Revert(count.IsZero ? $"there is no request {id}; no request was made yet" : $"there is no request {id}; requests are numbered 1 to {count}");
        }

        var number = id.ToUInt64();
        var stored = context.GetStorage(Address, ComplianceStorage.IdKey(ComplianceStorage.RequestTag, number))
            ?? throw new InvalidOperationException($"request {number} is missing from storage");
        return (number, FourEyesRequest.Decode(stored));
    }

    private byte[] RequestOf(IModuleContext context, ref AbiReader args)
    {
        var (_, request) = Load(context, args.ReadUInt256("id"));
        return new AbiWriter(13)
            .WriteUInt8((byte)request.Kind)
            .WriteUInt8((byte)request.StatusAt(NowSeconds(context)))
            .WriteString(_consortium.Banks[request.Bank].Id)
            .WriteAddress(request.Maker)
            .WriteAddress(request.Checker)
            .WriteUInt64(request.CreatedAt)
            .WriteUInt64(request.ExpiresAt)
            .WriteUInt64(request.ExecutableAt)
            .WriteAddress(request.Token)
            .WriteAddress(request.Account)
            .WriteAddress(request.To)
            .WriteUInt256(request.Amount)
            .WriteBytes32(request.Reference)
            .ToArray();
    }

    /// <summary>A page of bank <c>bank</c>'s open request ids (pending, approved and waiting, or expired but not yet closed) and their total.</summary>
    private byte[] OpenRequests(IModuleContext context, ref AbiReader args)
    {
        var bank = Bank(args.ReadString("bank"));
        var start = args.ReadUInt256("start");
        var count = args.ReadUInt256("count");
        Require(!count.IsZero && count <= (ulong)MaxRequestPage, $"count must be 1 to {MaxRequestPage} ids per page, got {count}");
        var total = context.GetUInt256(OpenCountKey(bank)).ToUInt64();
        var first = start >= total ? total : start.ToUInt64();
        var n = (int)Math.Min(count.ToUInt64(), total - first);
        var ids = new ulong[n];
        for (var i = 0; i < n; i++)
        {
            ids[i] = FromBytes(context.GetStorage(Address, ComplianceStorage.OpenAtKey(bank, first + (ulong)i)));
        }

        ChargeGas((ulong)n * 2_100);
        return AbiArrays.EncodeIds(ids, total);
    }

    /// <summary>The four-eyes settings for <c>token</c>: request lifetime, recovery delay (seconds) and its single-step mint threshold (base units).</summary>
    private byte[] FourEyesConfigOf(IModuleContext context, ref AbiReader args)
    {
        var token = Token(args.ReadAddress("token"));
        return new AbiWriter(3)
            .WriteUInt64(_consortium.FourEyes.RequestTtlSeconds)
            .WriteUInt64(_consortium.FourEyes.RecoveryDelaySeconds)
            .WriteUInt256(_consortium.MintThreshold(token))
            .ToArray();
    }

    private static string Describe(RequestStatus status) => status switch
    {
        RequestStatus.Pending => "waiting for a second officer",
        RequestStatus.Approved => "approved and waiting out its delay",
        RequestStatus.Executed => "already executed",
        RequestStatus.Cancelled => "cancelled",
        RequestStatus.Vetoed => "vetoed",
        RequestStatus.Expired => "expired",
        _ => $"in unknown state {status}",
    };

    private static byte[] OpenCountKey(int bank) => [ComplianceStorage.OpenCountTag, (byte)bank];

    private static byte[] ToBytes(ulong value)
    {
        var bytes = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return bytes;
    }

    private static ulong FromBytes(byte[]? stored) =>
        stored is { Length: 8 } ? System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(stored) : throw new InvalidOperationException("stored request index is not 8 bytes");
}
