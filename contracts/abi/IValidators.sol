// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @title Ledger validator set
/// @notice Validator set changes by vote. A validator of the current set signs `voteAdd` / `voteRemove` with its
///         validator key; when a majority of the current set (floor(n/2) + 1) has voted for the same change, the new
///         set certifies blocks from the next block on (the change applies at a block boundary). Only votes of
///         current members count, so a removed validator's pending votes are void.
/// @dev A native Ledger module at the address genesis.json gives under `modules.Validators`. Without any change the
///      set is genesis `validators`. JSON-RPC `qbft_getValidatorsByBlockNumber` reads the same history, and
///      `qbft_proposeValidatorVote` signs and sends a vote with the node's validator key. Failures revert with
///      `Error(string)`.
interface IValidators {
    /// @notice `voter` voted to add (`add`) or remove `validator`; `votes` of `needed` current validators agree.
    event ValidatorVoteCast(address indexed validator, address indexed voter, bool add, uint256 votes, uint256 needed);

    /// @notice `validator` of bank `bank`, reachable at `host`, certifies blocks from `fromBlock` on.
    event ValidatorAdded(address indexed validator, string bank, string host, uint64 fromBlock);

    /// @notice `validator` no longer certifies blocks from `fromBlock` on.
    event ValidatorRemoved(address indexed validator, uint64 fromBlock);

    /// @notice Votes to add `validator` (its signing key address) run by `bank`, with peer gRPC and JSON-RPC endpoints
    ///         on `host`. Votes count per exact details. Returns true when this vote completed the majority.
    function voteAdd(address validator, string calldata bank, string calldata host, uint16 grpcPort, uint16 rpcPort)
        external
        returns (bool applied);

    /// @notice Votes to remove `validator`. Returns true when this vote completed the majority.
    function voteRemove(address validator) external returns (bool applied);

    /// @notice The current set, in proposer order.
    function getValidators() external view returns (address[] memory validators);

    /// @notice The set that certifies block `blockNumber`.
    function getValidatorsAt(uint64 blockNumber) external view returns (address[] memory validators);

    function isValidator(address account) external view returns (bool);

    /// @notice The blocks from which a changed set took effect, ascending.
    function changeHeights() external view returns (uint64[] memory heights);

    /// @notice `voter` voted to add (`add`) or revoke member node `member`; `votes` of `needed` current validators agree.
    event MemberVoteCast(address indexed member, address indexed voter, bool add, uint256 votes, uint256 needed);

    /// @notice Member node `member` (its node key address), run by `bank`, may peer and sync from `fromBlock` on.
    event MemberAdded(address indexed member, string bank, uint64 fromBlock);

    /// @notice Member node `member` loses its peer streams and sync access from `fromBlock` on.
    event MemberRemoved(address indexed member, uint64 fromBlock);

    /// @notice Votes to admit member node `member` run by `bank` (a node that syncs, verifies and serves clients but
    ///         never votes). Returns true when this vote completed the majority of the current validators.
    function voteAddMember(address member, string calldata bank) external returns (bool applied);

    /// @notice Votes to revoke member node `member`. Returns true when this vote completed the majority.
    function voteRemoveMember(address member) external returns (bool applied);

    /// @notice The member node allowlist: genesis `members`, then as votes changed it.
    function getMembers() external view returns (address[] memory members);

    function isMember(address account) external view returns (bool);
}
