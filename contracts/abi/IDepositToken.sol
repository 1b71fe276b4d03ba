// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @title Ledger deposit token
/// @notice A tokenized bank deposit: one ERC-20 per (bank, currency), e.g. USDA = US dollars held at Bank A.
///         It is a native Ledger module at a fixed address (see genesis.json `tokens`), called with the
///         Ethereum ABI, so any ERC-20 client works unchanged.
/// @dev Rules enforced by the module (each failure reverts with an `Error(string)` reason a person can act on):
///      - the sender and receiver of `transfer`/`transferFrom` and the receiver of `mint` must be verified in
///        the IdentityRegistry (registered by their bank, not revoked, not expired);
///      - only the issuing bank's operator (`issuer()`) may `mint` and `burn`;
///      - arithmetic is checked: an amount that would overflow reverts, it never wraps;
///      - invariant: sum of balances == totalSupply() == totalMinted() - totalBurned().
interface IDepositToken {
    /// @notice Emitted on every movement; mints come from and burns go to the zero address.
    event Transfer(address indexed from, address indexed to, uint256 value);

    /// @notice Emitted when `owner` sets the allowance of `spender`.
    event Approval(address indexed owner, address indexed spender, uint256 value);

    /// @notice Human-readable token name, e.g. "Bank A US Dollar Deposit".
    function name() external view returns (string memory);

    /// @notice Ticker, e.g. "USDA".
    function symbol() external view returns (string memory);

    /// @notice Number of decimals of the base unit (2 for the dev consortium's tokens).
    function decimals() external view returns (uint8);

    /// @notice ISO 4217 code of the fiat currency this token is a deposit of, e.g. "USD".
    function currency() external view returns (string memory);

    /// @notice The operator address of the issuing bank: the only account allowed to mint and burn.
    function issuer() external view returns (address);

    /// @notice Tokens in circulation, in base units.
    function totalSupply() external view returns (uint256);

    /// @notice Everything ever minted, genesis allocations included, in base units.
    function totalMinted() external view returns (uint256);

    /// @notice Everything ever burned (redeemed), in base units.
    function totalBurned() external view returns (uint256);

    /// @notice Balance of `account` in base units.
    function balanceOf(address account) external view returns (uint256);

    /// @notice Moves `amount` from the caller to `to`. Both must be KYC-verified; `to` must not be 0x0.
    /// @return success always true (failures revert)
    function transfer(address to, uint256 amount) external returns (bool success);

    /// @notice Remaining amount `spender` may move from `owner` with `transferFrom`.
    function allowance(address owner, address spender) external view returns (uint256);

    /// @notice Sets (does not add to) the allowance of `spender` over the caller's tokens.
    ///         An allowance of 2^256-1 is unlimited and is not spent down.
    /// @return success always true (failures revert)
    function approve(address spender, uint256 amount) external returns (bool success);

    /// @notice Moves `amount` from `from` to `to` using the caller's allowance; `from` and `to` must be verified.
    /// @return success always true (failures revert)
    function transferFrom(address from, address to, uint256 amount) external returns (bool success);

    /// @notice Issuer only: credits `amount` new tokens to the verified account `to` (a customer deposit).
    function mint(address to, uint256 amount) external;

    /// @notice Issuer only: destroys `amount` tokens held by `from` (a redemption to a bank account).
    function burn(address from, uint256 amount) external;
}
