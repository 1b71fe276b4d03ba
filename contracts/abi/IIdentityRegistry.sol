// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @title Ledger identity registry
/// @notice Who may hold deposit tokens. Each account is registered (KYC'd) by exactly one consortium bank,
///         with a jurisdiction, a KYC level and an expiry; only that bank's operator may change or revoke it.
///         Deposit tokens call `isVerified` before every transfer and mint.
/// @dev A native Ledger module at the address genesis.json gives under `modules.IdentityRegistry`.
///      Bank operators are the `banks[].operator` addresses of genesis. Failures revert with `Error(string)`.
interface IIdentityRegistry {
    /// @notice Emitted when a bank registers, renews or corrects an identity (a renewal also lifts a revocation).
    /// @param account the registered account
    /// @param bank the registering bank's id from genesis, e.g. "bank-a"
    /// @param jurisdiction e.g. "US"
    /// @param kycLevel 1 or higher
    /// @param expiresAt unix time in seconds after which the account is no longer verified
    event IdentityRegistered(address indexed account, string bank, string jurisdiction, uint8 kycLevel, uint64 expiresAt);

    /// @notice Emitted when the account's bank revokes its identity.
    event IdentityRevoked(address indexed account, string bank);

    /// @notice True when `account` is registered, not revoked, and `expiresAt` is after the block time.
    function isVerified(address account) external view returns (bool);

    /// @notice The identity of `account`; reverts if it was never registered.
    function identityOf(address account)
        external
        view
        returns (string memory bank, string memory jurisdiction, uint8 kycLevel, uint64 expiresAt, bool revoked);

    /// @notice Bank operators only: registers `account` for the caller's bank, or renews it if the caller's bank
    ///         already holds it. Reverts if another bank registered the account, if `kycLevel` is 0, if
    ///         `jurisdiction` is empty or longer than 64 bytes, or if `expiresAt` is not in the future.
    function registerIdentity(address account, string calldata jurisdiction, uint8 kycLevel, uint64 expiresAt) external;

    /// @notice The operator of the account's own bank only: marks the identity revoked (it stays readable).
    function revokeIdentity(address account) external;
}
