using System.Buffers.Binary;
using System.Numerics;
using Ledger.Core.Primitives;

namespace Ledger.Core.Crypto;

/// <summary>
/// Keccak-256 as Ethereum uses it (original padding 0x01, not SHA3's 0x06). Span-based and allocation-free:
/// hashing sits on the hot path of every transaction (tx hash, sender address, storage keys, state root).
/// </summary>
public static class Keccak256
{
    private const int Rate = 136;

    private static readonly ulong[] RoundConstants =
    [
        0x0000000000000001UL, 0x0000000000008082UL, 0x800000000000808aUL, 0x8000000080008000UL,
        0x000000000000808bUL, 0x0000000080000001UL, 0x8000000080008081UL, 0x8000000000008009UL,
        0x000000000000008aUL, 0x0000000000000088UL, 0x0000000080008009UL, 0x000000008000000aUL,
        0x000000008000808bUL, 0x800000000000008bUL, 0x8000000000008089UL, 0x8000000000008003UL,
        0x8000000000008002UL, 0x8000000000000080UL, 0x000000000000800aUL, 0x800000008000000aUL,
        0x8000000080008081UL, 0x8000000000008080UL, 0x0000000080000001UL, 0x8000000080008008UL,
    ];

    public static Hash32 Hash(ReadOnlySpan<byte> input)
    {
        Span<byte> output = stackalloc byte[32];
        Hash(input, output);
        return new Hash32(output);
    }

    public static byte[] HashToArray(ReadOnlySpan<byte> input)
    {
        var output = new byte[32];
        Hash(input, output);
        return output;
    }

    public static void Hash(ReadOnlySpan<byte> input, Span<byte> output)
    {
        Span<ulong> state = stackalloc ulong[25];
        state.Clear();
        while (input.Length >= Rate)
        {
            Absorb(state, input[..Rate]);
            Permute(state);
            input = input[Rate..];
        }

        Span<byte> last = stackalloc byte[Rate];
        last.Clear();
        input.CopyTo(last);
        last[input.Length] ^= 0x01;
        last[Rate - 1] ^= 0x80;
        Absorb(state, last);
        Permute(state);
        for (var i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(output[(i * 8)..], state[i]);
        }
    }

    private static void Absorb(Span<ulong> state, ReadOnlySpan<byte> block)
    {
        for (var i = 0; i < Rate / 8; i++)
        {
            state[i] ^= BinaryPrimitives.ReadUInt64LittleEndian(block[(i * 8)..]);
        }
    }

    private static void Permute(Span<ulong> a)
    {
        Span<ulong> c = stackalloc ulong[5];
        for (var round = 0; round < 24; round++)
        {
            for (var x = 0; x < 5; x++)
            {
                c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
            }

            for (var x = 0; x < 5; x++)
            {
                var d = c[(x + 4) % 5] ^ BitOperations.RotateLeft(c[(x + 1) % 5], 1);
                for (var y = 0; y < 25; y += 5)
                {
                    a[y + x] ^= d;
                }
            }

            // rho and pi: walk the 24-element cycle starting at lane (1,0).
            var current = a[1];
            var px = 1;
            var py = 0;
            for (var t = 0; t < 24; t++)
            {
                var nx = py;
                var ny = ((2 * px) + (3 * py)) % 5;
                var index = nx + (5 * ny);
                var next = a[index];
                a[index] = BitOperations.RotateLeft(current, ((t + 1) * (t + 2) / 2) % 64);
                current = next;
                px = nx;
                py = ny;
            }

            for (var y = 0; y < 25; y += 5)
            {
                var a0 = a[y];
                var a1 = a[y + 1];
                var a2 = a[y + 2];
                var a3 = a[y + 3];
                var a4 = a[y + 4];
                a[y] = a0 ^ (~a1 & a2);
                a[y + 1] = a1 ^ (~a2 & a3);
                a[y + 2] = a2 ^ (~a3 & a4);
                a[y + 3] = a3 ^ (~a4 & a0);
                a[y + 4] = a4 ^ (~a0 & a1);
            }

            a[0] ^= RoundConstants[round];
        }
    }
}
