// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @title Ledger deposit token
/// @notice A tokenized bank deposit: one ERC-20 per (bank, currency), e.g. USDA = US dollars held at Bank A.
///         It is a native Ledger module at a fixed address (see genesis.json `tokens`), called with the
///         Ethereum ABI, so any ERC-20 client works unchanged. Beside ERC-20 it carries the controls of
///         ERC-3643 practice: issuance and redemption against unique references, pause, partial freezes,
///         forced transfers, account recovery, batches, guardian (second-factor) approval and an audit view.
/// @dev Every holder movement (`transfer`, `transferFrom`, `batchTransfer`) passes the consortium's transfer
///      rule, the same one `ICompliance.canTransfer` reports: receiver not 0x0; token not paused; sender and
///      receiver verified in the IdentityRegistry; neither frozen; a cross-border transfer only on an open
///      corridor; amount within the unfrozen balance; the sender's per-transaction and daily limits; the
///      receiver's maximum balance. Each failure reverts with an `Error(string)` reason a person can act on.
///      Arithmetic is checked: an amount that would overflow reverts, it never wraps.
///      Invariant: sum of balances (the token's own address holds transfers awaiting their guardian)
///      == totalSupply() == totalMinted() - totalBurned() - totalRedeemed().
interface IDepositToken {
    /// @notice Emitted on every movement; mints come from and burns/redemptions go to the zero address. A held
    ///         transfer goes to this token's own address, and from there to the receiver (or back to the sender).
    event Transfer(address indexed from, address indexed to, uint256 value);

    /// @notice Emitted when `owner` sets the allowance of `spender`.
    event Approval(address indexed owner, address indexed spender, uint256 value);

    /// @notice Emitted beside Transfer by the reference forms of mint and by batchMint.
    /// @param reference the issuer's core-banking reference of the fiat deposit
    event Minted(address indexed to, uint256 amount, bytes32 indexed reference);

    /// @notice Emitted beside Transfer by `burn(address,uint256,bytes32)`.
    event Burned(address indexed from, uint256 amount, bytes32 indexed reference);

    /// @notice Emitted beside Transfer when a holder redeems; the bank pays `amount` out off-ledger.
    event Redeemed(address indexed holder, uint256 amount, bytes32 indexed reference);

    /// @notice Emitted beside Transfer when an issuer moves funds under a legal order.
    event ForcedTransfer(address indexed from, address indexed to, uint256 amount, bytes32 indexed legalReference);

    /// @notice Emitted beside Transfer when an account recovery moves a balance to the customer's new key.
    event BalanceRecovered(address indexed lost, address indexed newAccount, uint256 amount);

    /// @notice Emitted when an issuer pauses the token.
    event Paused(address account);

    /// @notice Emitted when an issuer unpauses the token.
    event Unpaused(address account);

    /// @notice Emitted when `amount` more of `account`'s balance is frozen (partial freeze).
    event TokensFrozen(address indexed account, uint256 amount);

    /// @notice Emitted when `amount` of `account`'s frozen balance is released (also when a burn or forced
    ///         transfer leaves less than the frozen amount).
    event TokensUnfrozen(address indexed account, uint256 amount);

    /// @notice Emitted when `account`'s guardian and threshold take effect (guardian 0x0 = removed).
    event GuardianSet(address indexed account, address indexed guardian, uint256 threshold);

    /// @notice Emitted when `account` asks to change its guardian; the current guardian must approve.
    event GuardianChangeRequested(address indexed account, address indexed guardian, uint256 threshold);

    /// @notice Emitted when a transfer above the sender's threshold is held for its guardian.
    /// @param deadline unix seconds after which the guardian can no longer release it
    event TransferHeld(uint256 indexed id, address indexed from, address indexed to, uint256 amount, uint64 deadline);

    /// @notice Emitted when the guardian `approver` releases held transfer `id`: `amount` went from the token's hold to
    ///         `to`; `from` is the sender who made it.
    event HeldTransferReleased(uint256 indexed id, address indexed approver, address indexed from, address to, uint256 amount);

    /// @notice Emitted when held transfer `id` goes back to its sender `from` (`expired`: after its deadline); `to` is
    ///         the recipient it was meant for.
    event HeldTransferReturned(uint256 indexed id, address indexed from, address indexed to, uint256 amount, bool expired);

    /// @notice Human-readable token name, e.g. "Bank A US Dollar Deposit".
    function name() external view returns (string memory);

    /// @notice Ticker, e.g. "USDA".
    function symbol() external view returns (string memory);

    /// @notice Number of decimals of the base unit (2 for the dev consortium's tokens).
    function decimals() external view returns (uint8);

    /// @notice ISO 4217 code of the fiat currency this token is a deposit of, e.g. "USD".
    function currency() external view returns (string memory);

    /// @notice The current operator key of the issuing bank (it and the keys it granted the issuer role mint and burn).
    function issuer() external view returns (address);

    /// @notice Tokens in circulation, in base units.
    function totalSupply() external view returns (uint256);

    /// @notice Everything ever minted, genesis allocations included, in base units.
    function totalMinted() external view returns (uint256);

    /// @notice Everything ever burned by an issuer, in base units.
    function totalBurned() external view returns (uint256);

    /// @notice Everything ever redeemed by holders, in base units.
    function totalRedeemed() external view returns (uint256);

    /// @notice The supply figures in one call.
    /// @return supply totalSupply()
    /// @return minted totalMinted()
    /// @return burned totalBurned()
    /// @return redeemed totalRedeemed()
    /// @return held the amount waiting in held transfers (the balance of this token's own address)
    /// @return holders how many accounts ever held the token (the length of the balancesOf listing)
    function supplyInfo()
        external
        view
        returns (uint256 supply, uint256 minted, uint256 burned, uint256 redeemed, uint256 held, uint256 holders);

    /// @notice Balance of `account` in base units (frozen part included, see getFrozenTokens).
    function balanceOf(address account) external view returns (uint256);

    /// @notice Moves `amount` from the caller to `to` under the transfer rule. Above the caller's guardian
    ///         threshold the amount is held instead (TransferHeld) until the guardian approves it.
    /// @return success always true (failures revert)
    function transfer(address to, uint256 amount) external returns (bool success);

    /// @notice Remaining amount `spender` may move from `owner` with `transferFrom`.
    function allowance(address owner, address spender) external view returns (uint256);

    /// @notice Sets (does not add to) the allowance of `spender` over the caller's tokens.
    ///         An allowance of 2^256-1 is unlimited and is not spent down.
    /// @return success always true (failures revert)
    function approve(address spender, uint256 amount) external returns (bool success);

    /// @notice Moves `amount` from `from` to `to` using the caller's allowance, under the transfer rule (and
    ///         `from`'s guardian).
    /// @return success always true (failures revert)
    function transferFrom(address from, address to, uint256 amount) external returns (bool success);

    /// @notice Payroll-style transfers from the caller: all items or none (the first failing item reverts the
    ///         whole call, naming the item). 1 to 500 items.
    /// @return success always true (failures revert)
    function batchTransfer(address[] calldata to, uint256[] calldata amounts) external returns (bool success);

    /// @notice Issuer only: credits `amount` new tokens to the verified account `to`. Kept for ERC-20 tooling;
    ///         banks should use the reference form. Above the token's single-step threshold
    ///         (`Compliance.fourEyesConfig`) it reverts: use `Compliance.requestMint` and a second officer.
    function mint(address to, uint256 amount) external;

    /// @notice Issuer only: credits `amount` new tokens to the verified account `to` against a fiat deposit.
    /// @param reference the deposit's core-banking reference: non-zero and never used before on this token
    function mint(address to, uint256 amount, bytes32 reference) external;

    /// @notice Issuer only: mints to many accounts against one reference, all or nothing (1 to 500 items); the
    ///         batch's total counts against the single-step mint threshold.
    function batchMint(address[] calldata to, uint256[] calldata amounts, bytes32 reference) external;

    /// @notice Issuer only: destroys `amount` tokens held by `from`. Kept for ERC-20 tooling. Alone an issuer
    ///         burns only its own holdings (`from` = caller); a customer's need `Compliance.requestBurn` and a
    ///         second officer (the Compliance module then calls this). Never from a custodian.
    function burn(address from, uint256 amount) external;

    /// @notice Issuer only: destroys `amount` tokens held by `from` under a unique reference. Frozen amounts
    ///         shrink to what is left.
    function burn(address from, uint256 amount, bytes32 reference) external;

    /// @notice The caller redeems `amount` of its unfrozen balance: the tokens are destroyed and the bank pays
    ///         out off-ledger against `reference` (unique per token). The token must not be paused.
    function redeem(uint256 amount, bytes32 reference) external;

    /// @notice True when `reference` was already used by a mint, burn or redemption of this token.
    function isReferenceUsed(bytes32 reference) external view returns (bool);

    /// @notice True while an issuer has paused holder movements (mint, burn, forced transfers still work).
    function paused() external view returns (bool);

    /// @notice Issuer only: stops transfers, redemptions and releases of held transfers.
    function pause() external;

    /// @notice Issuer only: resumes them.
    function unpause() external;

    /// @notice The frozen (locked) part of `account`'s balance, which it cannot move or redeem.
    function getFrozenTokens(address account) external view returns (uint256);

    /// @notice An issuer, the staff of the account's bank or the regulator: freezes `amount` more of
    ///         `account`'s balance (the frozen total may not exceed the balance).
    function freezePartialTokens(address account, uint256 amount) external;

    /// @notice The same roles: releases `amount` of the frozen part.
    function unfreezePartialTokens(address account, uint256 amount) external;

    /// @notice Moves `amount` from `from` to the verified account `to` under a legal order, regardless of
    ///         pause, freezes, limits and guardians. Four-eyes: only the Compliance module calls it, carrying out
    ///         a `requestForcedTransfer` a second officer approved; an issuer calling directly is told so.
    ///         Neither side may be a custodian (Settlement, Merchant).
    /// @param legalReference the order or case id, non-zero; it appears in the ForcedTransfer event
    /// @return success always true (failures revert)
    function forcedTransfer(address from, address to, uint256 amount, bytes32 legalReference) external returns (bool success);

    /// @notice Called only by the IdentityRegistry during `recoverAccount`: moves `lost`'s balance, frozen part
    ///         and the day's spending to `newAccount`. Reverts while `lost` has held transfers pending.
    function recoverBalance(address lost, address newAccount) external;

    /// @notice The regulator, the issuing bank's staff or an issuer: one page of all balances, in the order the
    ///         accounts first received the token (accounts stay listed at zero, so pages are stable).
    /// @param start index of the first entry (0-based)
    /// @param count 1 to 1000 entries
    /// @return accounts the holders on this page
    /// @return balances their balances, index by index
    /// @return total the number of entries in the whole listing
    function balancesOf(uint256 start, uint256 count)
        external
        view
        returns (address[] memory accounts, uint256[] memory balances, uint256 total);

    /// @notice The guardian of `account` on this token, its threshold, and a requested change awaiting approval.
    function guardianOf(address account)
        external
        view
        returns (address guardian, uint256 threshold, address pendingGuardian, uint256 pendingThreshold);

    /// @notice Sets the caller's guardian: transfers above `threshold` wait for it. Without a guardian it takes
    ///         effect at once; otherwise it is a request the current guardian approves (guardian 0x0 removes it).
    function setGuardian(address guardian, uint256 threshold) external;

    /// @notice The current guardian of `account` approves its requested guardian change.
    function approveGuardianChange(address account) external;

    /// @notice The staff of `account`'s bank set its guardian directly (recovery when the guardian key is lost).
    function resetGuardian(address account, address guardian, uint256 threshold) external;

    /// @notice A held transfer; status 0 none, 1 pending, 2 released, 3 returned.
    function heldTransfer(uint256 id)
        external
        view
        returns (address from, address to, uint256 amount, uint64 deadline, uint8 status);

    /// @notice The sender's guardian releases held transfer `id` before its deadline; the receiver-side rules
    ///         (verified, not frozen, corridor, maximum balance, not paused) are checked again.
    function approveHeldTransfer(uint256 id) external;

    /// @notice Returns held transfer `id` to its sender: by the sender, its guardian or its bank at any time,
    ///         by anyone after the deadline. The day's spending it used is not given back.
    function cancelHeldTransfer(uint256 id) external;
}
