using System.Numerics;
using Ledger.Core.Primitives;

namespace Ledger.Chaos.Checks;

/// <summary>One token's counters (<c>supplyInfo()</c>) and the sum of every holder's balance (<c>balancesOf</c> pages) at one block on one node.</summary>
public sealed record TokenSupply(Address Token, BigInteger Supply, BigInteger Minted, BigInteger Burned, BigInteger Redeemed, BigInteger HolderCount, BigInteger SumOfBalances);
