// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @title Ledger compliance
/// @notice The consortium's roles and rules. Roles: each bank's operator key (replaced only by a majority of
///         banks), compliance officers (granted by their bank's operator), issuers per token (granted by the
///         issuing bank's operator) and the regulator (appointed by a majority of banks). Rules: whole-account
///         freezes, limits per account or per jurisdiction (per transaction, per UTC day, maximum balance) and
///         the corridors that allow cross-border transfers. No role acts outside its bank, except the regulator,
///         who may freeze and set limits everywhere.
/// @dev A native Ledger module at the address genesis.json gives under `modules.Compliance`. Every deposit token
///      enforces the same rule `canTransfer` reports. Role ids are keccak256 of "BANK_OPERATOR",
///      "COMPLIANCE_OFFICER", "ISSUER" and "REGULATOR". Failures revert with `Error(string)`.
interface ICompliance {
    /// @notice Emitted when `account` receives a role. `scope` is the bank id (operator, compliance officer), the
    ///         token symbol (issuer) or "" (regulator); `by` is the key that made the change.
    event RoleGranted(bytes32 indexed role, address indexed account, string scope, address indexed by);

    /// @notice Emitted when `account` loses a role.
    event RoleRevoked(bytes32 indexed role, address indexed account, string scope, address indexed by);

    /// @notice Emitted when a bank operator makes a proposal (kind 1 regulator, 2 bank operator, 3 corridor).
    event ProposalCreated(uint256 indexed id, uint8 kind, address indexed proposer, string bank);

    /// @notice Emitted for each bank's approval (the proposer's included); `approvals` counts banks so far.
    event ProposalApproved(uint256 indexed id, string bank, uint256 approvals);

    /// @notice Emitted when a proposal reaches a majority of banks and takes effect.
    event ProposalExecuted(uint256 indexed id);

    /// @notice Emitted when the consortium opens or closes the corridor between two jurisdictions.
    event CorridorChanged(string jurisdictionA, string jurisdictionB, bool open);

    /// @notice Emitted when `by` (the account's bank staff or the regulator) freezes `account` on every token.
    event AccountFrozen(address indexed account, address indexed by, string reason);

    /// @notice Emitted when the freeze of `account` is lifted.
    event AccountUnfrozen(address indexed account, address indexed by);

    /// @notice Emitted when `account` gets limits of its own on `token` (they replace its jurisdiction's).
    event AccountLimitsSet(address indexed token, address indexed account, uint256 perTransaction, uint256 daily, uint256 maxBalance);

    /// @notice Emitted when `account`'s own limits on `token` are removed (its jurisdiction's apply again).
    event AccountLimitsCleared(address indexed token, address indexed account);

    /// @notice Emitted when the limits of a jurisdiction on `token` change (all zero = removed).
    event JurisdictionLimitsSet(address indexed token, string jurisdiction, uint256 perTransaction, uint256 daily, uint256 maxBalance);

    /// @notice Emitted when a recovery moves `lost`'s freeze and account limits to `newAccount`.
    event AccountStateRecovered(address indexed lost, address indexed newAccount);

    /// @notice Emitted when an officer makes a four-eyes request (kind 1 mint, 2 burn, 3 forced transfer,
    ///         4 recovery) for `bank`; `account` is the customer it touches. It expires at `expiresAt` (unix s).
    event RequestCreated(uint256 indexed id, uint8 kind, string bank, address indexed maker, address indexed account, uint64 expiresAt);

    /// @notice Emitted when a second officer approves request `id`; a recovery runs from `executableAt` on.
    event RequestApproved(uint256 indexed id, address indexed checker, uint64 executableAt);

    /// @notice Emitted when request `id` is carried out (the token or registry emits what it did).
    event RequestExecuted(uint256 indexed id, address indexed by);

    /// @notice Emitted when an officer of the bank withdraws request `id`.
    event RequestCancelled(uint256 indexed id, address indexed by);

    /// @notice Emitted when the customer or its guardian stops recovery request `id`.
    event RequestVetoed(uint256 indexed id, address indexed by);

    /// @notice Emitted when an expired request is closed (`cancelRequest` by anyone).
    event RequestExpired(uint256 indexed id);

    /// @notice The regulator's key (0x0 when none is appointed).
    function regulator() external view returns (address);

    /// @notice The operator key of bank `bank` (a genesis bank id such as "bank-a").
    function bankOperator(string calldata bank) external view returns (address);

    /// @notice The roles of `account`: the bank it works for ("" if none) and which roles it holds.
    function rolesOf(address account)
        external
        view
        returns (string memory bank, bool isBankOperator, bool isComplianceOfficer, bool isRegulator);

    /// @notice True when `account` may mint and burn `token`: the issuing bank's operator or a granted issuer.
    function isIssuer(address token, address account) external view returns (bool);

    /// @notice Bank operators: makes `account` (a key with no other role) a compliance officer of the caller's bank.
    function grantComplianceOfficer(address account) external;

    /// @notice Bank operators: removes a compliance officer of the caller's bank.
    function revokeComplianceOfficer(address account) external;

    /// @notice The operator of the bank that issues `token`: lets `account` mint, burn, pause and force transfers.
    function grantIssuer(address token, address account) external;

    /// @notice The operator of the bank that issues `token`: withdraws a granted issuer role.
    function revokeIssuer(address token, address account) external;

    /// @notice How many banks must approve a proposal: more than half of them.
    function majority() external view returns (uint256);

    /// @notice How many proposals exist; they are numbered 1 to proposalCount().
    function proposalCount() external view returns (uint256);

    /// @notice Proposal `id`; kind 1 regulator (`account`), 2 bank operator (`bank`, `account`), 3 corridor
    ///         (`jurisdictionA`, `jurisdictionB`, `open`).
    function proposalOf(uint256 id)
        external
        view
        returns (
            uint8 kind,
            address account,
            string memory bank,
            string memory jurisdictionA,
            string memory jurisdictionB,
            bool open,
            uint256 approvals,
            bool executed
        );

    /// @notice Bank operators: proposes `regulator` as the regulator; the caller's bank approves at once.
    /// @return id the proposal id
    function proposeRegulator(address regulator) external returns (uint256 id);

    /// @notice Bank operators: proposes `operator` as the new operator key of `bank` (e.g. after a key loss).
    /// @return id the proposal id
    function proposeBankOperator(string calldata bank, address operator) external returns (uint256 id);

    /// @notice Bank operators: proposes to open (or close) the corridor between two jurisdictions.
    /// @return id the proposal id
    function proposeCorridor(string calldata jurisdictionA, string calldata jurisdictionB, bool open) external returns (uint256 id);

    /// @notice Bank operators: approves proposal `id` for the caller's bank (once per bank); the approval that
    ///         reaches the majority executes it.
    function approveProposal(uint256 id) external;

    /// @notice Whether `token.transfer(to, amount)` from `from` would succeed now, and if not why: the very rule
    ///         the token enforces. `allowed` with a reason starting "held" means it would wait for a guardian.
    /// @return allowed true when the transfer would go through (or be held)
    /// @return reason "" when allowed, otherwise the revert reason the transfer would give
    function canTransfer(address token, address from, address to, uint256 amount)
        external
        view
        returns (bool allowed, string memory reason);

    /// @notice The staff of the account's bank or the regulator: freezes `account` on every token (it can
    ///         neither send nor receive). `reason` (1–256 bytes) appears in every refused transfer.
    function freezeAccount(address account, string calldata reason) external;

    /// @notice Lifts a freeze: the regulator's freeze only by the regulator, a bank's by that bank or the regulator.
    function unfreezeAccount(address account) external;

    /// @notice The freeze of `account`, if any.
    function freezeOf(address account)
        external
        view
        returns (bool frozen, bool byRegulator, address by, string memory reason);

    /// @notice The staff of the account's bank or the regulator: limits of `account` on `token`, replacing its
    ///         jurisdiction's. Amounts in base units; 0 = no limit. perTransaction may not exceed daily.
    function setAccountLimits(address token, address account, uint256 perTransaction, uint256 daily, uint256 maxBalance) external;

    /// @notice The same roles: removes `account`'s own limits on `token`.
    function clearAccountLimits(address token, address account) external;

    /// @notice The staff of the bank that issues `token`, or the regulator: limits of every account of
    ///         `jurisdiction` on `token` that has none of its own. All zero removes them.
    function setJurisdictionLimits(address token, string calldata jurisdiction, uint256 perTransaction, uint256 daily, uint256 maxBalance) external;

    /// @notice The limits in force for `account` on `token`; source 0 none, 1 its jurisdiction's, 2 its own.
    function limitsOf(address token, address account)
        external
        view
        returns (uint256 perTransaction, uint256 daily, uint256 maxBalance, uint8 source);

    /// @notice The limits of `jurisdiction` on `token` (zeros when none).
    function jurisdictionLimits(address token, string calldata jurisdiction)
        external
        view
        returns (uint256 perTransaction, uint256 daily, uint256 maxBalance);

    /// @notice What `account` has sent of `token` on the current UTC day (recorded once any daily limit exists).
    function dailySpent(address token, address account) external view returns (uint256);

    /// @notice True when transfers between the two jurisdictions are allowed (always for the same one).
    function isCorridor(string calldata jurisdictionA, string calldata jurisdictionB) external view returns (bool);

    /// @notice Called only by the IdentityRegistry during `recoverAccount`: moves `lost`'s freeze and account
    ///         limits to `newAccount`.
    function recoverAccountState(address lost, address newAccount) external;

    /// @notice An issuer of `token` or an officer of its bank: asks to mint `amount` to `to` above the token's
    ///         single-step threshold (`mint` refuses it). `reference` (non-zero, unused) is the deposit's id.
    ///         Returns the request id; a different officer of the same bank approves it with `approveRequest`.
    function requestMint(address token, address to, uint256 amount, bytes32 reference) external returns (uint256 id);

    /// @notice An issuer of `token` or an officer of its bank: asks to burn `amount` from the customer `from`
    ///         (`reference` may be zero). Never from a custodian (Settlement, Merchant).
    function requestBurn(address token, address from, uint256 amount, bytes32 reference) external returns (uint256 id);

    /// @notice An issuer of `token` or an officer of its bank: asks to move `amount` from `from` to `to` under
    ///         the legal order `legalReference`. Neither side may be a custodian (Settlement, Merchant).
    function requestForcedTransfer(address token, address from, address to, uint256 amount, bytes32 legalReference)
        external
        returns (uint256 id);

    /// @notice An officer of the bank that registered `lost`: asks to move its identity and every balance to the
    ///         fresh key `newAccount`. After approval it waits `recoveryDelaySeconds`, during which `lost` itself
    ///         or its guardian (on any deposit token) may `vetoRequest`.
    function requestRecovery(address lost, address newAccount) external returns (uint256 id);

    /// @notice A different officer (operator or compliance officer) of the request's bank than its maker: approves
    ///         it before it expires. Mints, burns and forced transfers run in this call; a recovery starts its delay.
    function approveRequest(uint256 id) external;

    /// @notice An officer of the bank: carries out an approved recovery once its delay has passed.
    function executeRequest(uint256 id) external;

    /// @notice An officer of the bank withdraws an open request; anyone closes an expired one.
    function cancelRequest(uint256 id) external;

    /// @notice The customer's own key or its guardian stops a recovery request (pending or in its delay).
    function vetoRequest(uint256 id) external;

    /// @notice How many four-eyes requests were ever made (ids run 1 to this).
    function requestCount() external view returns (uint256 count);

    /// @notice Request `id`. Status 1 pending, 2 approved (recovery delay), 3 executed, 4 cancelled, 5 vetoed,
    ///         6 expired. `account` is the customer (mint receiver, burn/forced-transfer payer, lost key); `to`
    ///         the forced transfer's receiver or the new key; times in unix seconds.
    function requestOf(uint256 id)
        external
        view
        returns (
            uint8 kind,
            uint8 status,
            string memory bank,
            address maker,
            address checker,
            uint64 createdAt,
            uint64 expiresAt,
            uint64 executableAt,
            address token,
            address account,
            address to,
            uint256 amount,
            bytes32 reference
        );

    /// @notice A page (at most 200) of the open request ids of `bank` (pending, in delay, or expired but not
    ///         closed) and how many there are.
    function openRequests(string calldata bank, uint256 start, uint256 count)
        external
        view
        returns (uint256[] memory ids, uint256 total);

    /// @notice The genesis four-eyes settings: request lifetime and recovery delay (seconds), and the largest
    ///         mint of `token` (base units) one issuer makes alone.
    function fourEyesConfig(address token)
        external
        view
        returns (uint64 requestTtlSeconds, uint64 recoveryDelaySeconds, uint256 mintThreshold);
}
