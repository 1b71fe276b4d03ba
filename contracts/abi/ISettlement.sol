// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @title Ledger settlement
/// @notice Cross-border settlement between the consortium's deposit tokens: an FX rate board, atomic FX
///         payment-versus-payment against an EIP-712 quote signed by an FX provider, a two-phase escrow that the
///         beneficiary's bank approves or rejects, and hash time-locked contracts (HTLC) for swaps with another
///         ledger.
/// @dev A native Ledger module at the address genesis.json gives under `modules.Settlement`. It is a custodian:
///      it moves the transaction signer's own tokens without an ERC-20 approve (the call is the authorisation)
///      and holds escrowed and HTLC funds at its own address. Rates are fixed point with 18 decimals
///      (1e18 = 1.0) and say how many whole units of the quote currency one whole unit of the base currency
///      buys (USD/EUR 0.92 = 920000000000000000). Times are unix seconds of block time. `travelRuleRef` is the
///      keccak256 of the travel-rule envelope (payment details encrypted for the two banks, kept off-ledger).
///      The FX quote is EIP-712 typed data, domain {name: "Ledger Settlement", version: "1", chainId,
///      verifyingContract: this module}, type FxQuote(address provider,address payer,address beneficiary,
///      address payToken,address receiveToken,uint256 payAmount,uint256 receiveAmount,uint256 fee,uint256 rate,
///      uint64 expiry,uint256 nonce,bytes32 travelRuleRef). Failures revert with `Error(string)`.
interface ISettlement {
    /// @notice Emitted when FX provider `provider` posts the rate of `base`/`quote` (ISO 4217 codes), valid
    ///         from `postedAt` until `validUntil` (unix seconds).
    event RatePosted(address indexed provider, string base, string quote, uint256 rate, uint64 postedAt, uint64 validUntil);

    /// @notice Emitted when a quote settles: `payAmount` + `fee` of `payToken` went from `payer` to `provider`
    ///         and `receiveAmount` of `receiveToken` from `provider` to `beneficiary`, in one transaction.
    ///         `quoteHash` is the quote's EIP-712 digest.
    event FxSettled(
        bytes32 indexed quoteHash,
        address indexed payer,
        address indexed beneficiary,
        address provider,
        address payToken,
        address receiveToken,
        uint256 payAmount,
        uint256 receiveAmount,
        uint256 fee,
        uint256 rate,
        uint256 nonce,
        bytes32 travelRuleRef
    );

    /// @notice Emitted when `payer` locks `amount` of `token` in escrow `id` for `beneficiary`.
    event EscrowOpened(
        uint256 indexed id,
        address indexed payer,
        address indexed beneficiary,
        address token,
        uint256 amount,
        uint64 deadline,
        bytes32 travelRuleRef
    );

    /// @notice Emitted when staff `by` of the beneficiary's bank approves escrow `id`: the funds went to the beneficiary.
    event EscrowApproved(
        uint256 indexed id,
        address indexed by,
        address indexed beneficiary,
        address payer,
        address token,
        uint256 amount
    );

    /// @notice Emitted when staff `by` of the beneficiary's bank rejects escrow `id`: the funds went back to the payer.
    event EscrowRejected(
        uint256 indexed id,
        address indexed by,
        address indexed payer,
        string reason,
        address beneficiary,
        address token,
        uint256 amount
    );

    /// @notice Emitted when the payer takes back escrow `id` after its deadline.
    event EscrowReclaimed(uint256 indexed id, address indexed payer, address indexed beneficiary, address token, uint256 amount);

    /// @notice Emitted when `sender` locks `amount` of `token` in HTLC `id` for `recipient` under
    ///         `hashLock` = sha256(preimage) until `deadline`.
    event HtlcLocked(
        uint256 indexed id,
        address indexed recipient,
        bytes32 indexed hashLock,
        address sender,
        address token,
        uint256 amount,
        uint64 deadline
    );

    /// @notice Emitted when HTLC `id` is claimed: the funds went to `recipient` and `preimage` is now public.
    event HtlcClaimed(
        uint256 indexed id,
        address indexed recipient,
        address indexed sender,
        bytes32 preimage,
        address token,
        uint256 amount
    );

    /// @notice Emitted when the sender takes back HTLC `id` after its deadline.
    event HtlcRefunded(uint256 indexed id, address indexed sender, address indexed recipient, address token, uint256 amount);

    /// @notice FX providers (a bank's operator or compliance officer): posts the rate of `base`/`quote` (three
    ///         uppercase letters each, e.g. "USD", "EUR"), 18 decimals, valid until `validUntil` (after the
    ///         current block time, at most 24 hours ahead). Replaces the caller's previous rate for the pair.
    function postRate(string calldata base, string calldata quote, uint256 rate, uint64 validUntil) external;

    /// @notice The rate `provider` posted for `base`/`quote`; all zero when it never posted one. The rate is
    ///         stale once the block time passes `validUntil`; its age is block time − `postedAt`.
    function getRate(address provider, string calldata base, string calldata quote)
        external
        view
        returns (uint256 rate, uint64 postedAt, uint64 validUntil);

    /// @notice How far (in basis points of the board rate) a quote's rate may lie from its provider's posted rate.
    function rateToleranceBps() external view returns (uint256);

    /// @notice The EIP-712 domain separator of FX quotes on this chain.
    function domainSeparator() external view returns (bytes32);

    /// @notice The EIP-712 digest of an FX quote (what the provider signs and `FxSettled` names).
    function hashQuote(
        address provider,
        address payer,
        address beneficiary,
        address payToken,
        address receiveToken,
        uint256 payAmount,
        uint256 receiveAmount,
        uint256 fee,
        uint256 rate,
        uint64 expiry,
        uint256 nonce,
        bytes32 travelRuleRef
    ) external view returns (bytes32);

    /// @notice True once a quote of `provider` with `nonce` has settled (each nonce settles once).
    function isNonceUsed(address provider, uint256 nonce) external view returns (bool);

    /// @notice The payer: settles an FX quote signed by `provider` (65-byte r‖s‖v `signature`, v 27/28 or 0/1).
    ///         Checks the signature, expiry, nonce, the provider's board rate (posted, not stale, within
    ///         tolerance) and currencies, `receiveAmount` = floor(`payAmount` × `rate` / 1e18) in the tokens'
    ///         base units, and the compliance of every party; then moves `payAmount` + `fee` of `payToken` from
    ///         the payer to the provider (no approve needed) and `receiveAmount` of `receiveToken` from the
    ///         provider to the beneficiary (the provider's ERC-20 allowance to this module) — both or neither.
    /// @return quoteHash the quote's EIP-712 digest
    function settle(
        address provider,
        address payer,
        address beneficiary,
        address payToken,
        address receiveToken,
        uint256 payAmount,
        uint256 receiveAmount,
        uint256 fee,
        uint256 rate,
        uint64 expiry,
        uint256 nonce,
        bytes32 travelRuleRef,
        bytes calldata signature
    ) external returns (bytes32 quoteHash);

    /// @notice Locks `amount` of the caller's `token` (no approve needed) for `beneficiary` until the
    ///         beneficiary's bank approves or rejects it, or `deadline` passes and the caller reclaims it. The
    ///         transfer rules (identities, freezes, corridor payer → beneficiary, limits) are checked now.
    /// @return id the escrow id
    function openEscrow(address token, address beneficiary, uint256 amount, uint64 deadline, bytes32 travelRuleRef)
        external
        returns (uint256 id);

    /// @notice Staff of the beneficiary's bank, before the deadline: screening passed, pays the beneficiary.
    function approveEscrow(uint256 id) external;

    /// @notice Staff of the beneficiary's bank: refuses the payment (1–256 bytes `reason`), refunds the payer.
    function rejectEscrow(uint256 id, string calldata reason) external;

    /// @notice The payer, once the block time reaches the deadline: takes back an escrow nobody decided.
    function reclaimEscrow(uint256 id) external;

    /// @notice Escrow `id`. `state` 1 Open, 2 Approved, 3 Rejected, 4 Reclaimed; reverts for an unknown id.
    function getSettlement(uint256 id)
        external
        view
        returns (
            uint8 state,
            address payer,
            address beneficiary,
            address token,
            uint256 amount,
            uint64 deadline,
            bytes32 travelRuleRef
        );

    /// @notice How many escrows exist; they are numbered 1 to escrowCount().
    function escrowCount() external view returns (uint256);

    /// @notice Locks `amount` of the caller's `token` (no approve needed) for `recipient` under `hashLock` =
    ///         sha256(32-byte preimage) until `deadline` (after the current block time).
    /// @return id the HTLC id
    function lockHtlc(address token, address recipient, uint256 amount, bytes32 hashLock, uint64 deadline)
        external
        returns (uint256 id);

    /// @notice Anyone, before the deadline: reveals `preimage` (sha256(preimage) = hashLock) and pays the recipient.
    function claimHtlc(uint256 id, bytes32 preimage) external;

    /// @notice The sender, once the block time reaches the deadline: takes back an unclaimed HTLC.
    function refundHtlc(uint256 id) external;

    /// @notice HTLC `id`. `state` 1 Locked, 2 Claimed, 3 Refunded; `preimage` is zero until claimed; reverts
    ///         for an unknown id.
    function getHtlc(uint256 id)
        external
        view
        returns (
            uint8 state,
            address sender,
            address recipient,
            address token,
            uint256 amount,
            bytes32 hashLock,
            uint64 deadline,
            bytes32 preimage
        );

    /// @notice How many HTLCs exist; they are numbered 1 to htlcCount().
    function htlcCount() external view returns (uint256);
}
