// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @title Ledger directory: human aliases for registered accounts
/// @notice A verified account claims one alias of the form `name@bank-id`, where bank-id is the id of the bank
///         that registered it (e.g. `anna@bank-a`). `name` is 2–32 characters of a–z, 0–9, '.', '_' and '-',
///         starting with a letter or digit. One alias per account, one account per alias. The holder may release
///         it; the staff of the alias's bank (operator or compliance officers) may revoke it. Wallets resolve an
///         alias to an address before a friend payment and show `aliasOf(sender)` for incoming ones.
/// @dev A native Ledger module at the address genesis.json gives under `modules.Directory`. Failures revert
///      with `Error(string)`.
interface IDirectory {
    /// @notice Emitted when `account` claims `aliasName`; `aliasHash` = keccak256(bytes(aliasName)) for log filters.
    event AliasClaimed(address indexed account, bytes32 indexed aliasHash, string aliasName);

    /// @notice Emitted when the holder releases its alias.
    event AliasReleased(address indexed account, bytes32 indexed aliasHash, string aliasName);

    /// @notice Emitted when the alias's bank revokes it; `by` is the staff key that did.
    event AliasRevoked(address indexed account, bytes32 indexed aliasHash, string aliasName, address by);

    /// @notice Claims `aliasName` for the caller. Reverts if the caller is not verified, already holds an alias,
    ///         the alias is taken, malformed, or its bank-id is not the caller's bank.
    function claimAlias(string calldata aliasName) external;

    /// @notice Releases the caller's alias (anyone may claim it afterwards). Reverts if it holds none.
    function releaseAlias() external;

    /// @notice Staff of the alias's bank: takes `aliasName` away from its holder. Reverts if nobody holds it.
    function revokeAlias(string calldata aliasName) external;

    /// @notice The account holding `aliasName`; reverts, naming the alias, if nobody holds it.
    function resolve(string calldata aliasName) external view returns (address);

    /// @notice The alias `account` holds, or "" if none.
    function aliasOf(address account) external view returns (string memory);
}
