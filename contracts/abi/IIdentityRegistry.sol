// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @title Ledger identity registry
/// @notice Who may hold deposit tokens. Each account is registered (KYC'd) by exactly one consortium bank,
///         with a jurisdiction, a KYC level, an expiry and, for companies, an LEI. Only that bank's staff (its
///         operator or compliance officers, see ICompliance) may update, revoke or recover it. An expired or
///         revoked identity can neither send nor receive.
/// @dev A native Ledger module at the address genesis.json gives under `modules.IdentityRegistry`. Deposit tokens
///      read its records directly on every transfer. Failures revert with `Error(string)`.
interface IIdentityRegistry {
    /// @notice Emitted when a bank registers, renews or corrects an identity (a renewal also lifts a revocation).
    /// @param account the registered account
    /// @param bank the registering bank's id from genesis, e.g. "bank-a"
    /// @param jurisdiction ISO 3166-1 alpha-2, e.g. "US"
    /// @param kycLevel 1 basic, 2 standard, 3 enhanced due diligence
    /// @param expiresAt unix time in seconds after which the account is no longer verified
    event IdentityRegistered(address indexed account, string bank, string jurisdiction, uint8 kycLevel, uint64 expiresAt);

    /// @notice Emitted when the account's bank updates an identity with `updateIdentity`.
    event IdentityUpdated(address indexed account, string bank, string jurisdiction, uint8 kycLevel, uint64 expiresAt, string lei);

    /// @notice Emitted when the account's bank revokes its identity.
    event IdentityRevoked(address indexed account, string bank);

    /// @notice Emitted when the account's bank moves a customer's identity (and balances) to a new key.
    event IdentityRecovered(address indexed lost, address indexed newAccount, string bank);

    /// @notice True when `account` is registered, not revoked, and `expiresAt` is after the block time.
    function isVerified(address account) external view returns (bool);

    /// @notice The identity of `account`; reverts if it was never registered.
    /// @return bank the registering bank's id
    /// @return jurisdiction ISO 3166-1 alpha-2
    /// @return kycLevel 1 to 3
    /// @return expiresAt unix seconds
    /// @return revoked true once revoked (also for a key that was recovered to a new one)
    /// @return lei the ISO 17442 legal entity identifier, or "" for a person
    function identityOf(address account)
        external
        view
        returns (string memory bank, string memory jurisdiction, uint8 kycLevel, uint64 expiresAt, bool revoked, string memory lei);

    /// @notice Bank staff only: registers `account` for the caller's bank, or renews it if the caller's bank
    ///         already holds it (keeping an LEI on file). Reverts if another bank registered the account, if
    ///         `kycLevel` is not 1–3, if `jurisdiction` is not two uppercase letters, or if `expiresAt` is not in
    ///         the future.
    function registerIdentity(address account, string calldata jurisdiction, uint8 kycLevel, uint64 expiresAt) external;

    /// @notice As above, with the company's LEI (20 characters with valid ISO 7064 check digits; "" for a person).
    function registerIdentity(address account, string calldata jurisdiction, uint8 kycLevel, uint64 expiresAt, string calldata lei) external;

    /// @notice The staff of the account's own bank: changes jurisdiction, KYC level, expiry and LEI of a
    ///         registered, unrevoked identity.
    function updateIdentity(address account, string calldata jurisdiction, uint8 kycLevel, uint64 expiresAt, string calldata lei) external;

    /// @notice The staff of the account's own bank: marks the identity revoked (it stays readable).
    function revokeIdentity(address account) external;

    /// @notice Four-eyes: called only by the Compliance module, carrying out a `requestRecovery` that a second
    ///         officer of `lost`'s bank approved and that waited out the recovery delay without a veto (staff
    ///         calling directly are told so). When a customer lost its key: moves the identity to the fresh key
    ///         `newAccount`, and with it every token balance, frozen amount, freeze and account limit. `lost`
    ///         stays on file as revoked. Reverts while `lost` has held transfers pending (cancel them first).
    function recoverAccount(address lost, address newAccount) external;
}
