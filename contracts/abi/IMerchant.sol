// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @title Ledger merchant payments: invoices, EIP-681 payment URIs, refunds, loyalty points and coupons
/// @notice Any registered (verified) account can act as a merchant. It creates an invoice in one deposit token;
///         a customer pays it with one transaction (no ERC-20 approve first: the Merchant module is a custodian
///         and moves the signer's own tokens straight to the merchant, under every transfer rule of the token:
///         identities, freezes, corridor, limits). An invoice is paid once; a second payment reverts. The merchant
///         may refund a paid invoice in parts, up to what was paid. Loyalty points are a non-transferable balance
///         per (merchant, customer), earned on payment and redeemable only at that merchant. Coupons are stored
///         as keccak256 hashes of their codes, single-use, percentage or fixed, with an expiry.
/// @dev A native Ledger module at the address genesis.json gives under `modules.Merchant`. Failures revert with
///      `Error(string)`. Times are unix seconds compared with the block time; amounts are base units of the
///      invoice's token. Invoice status: 0 Open, 1 Paid, 2 PartiallyRefunded, 3 Refunded, 4 Expired (an open
///      invoice whose expiry has passed; computed at read time).
interface IMerchant {
    /// @notice Emitted when a merchant creates an invoice.
    /// @param id the new invoice id (sequential from 1)
    /// @param merchant the account that is paid
    /// @param token the deposit token the invoice is priced in
    /// @param amount the invoice amount in base units of `token`, before any discount
    /// @param expiry unix seconds; the invoice can be paid while the block time is before it
    /// @param memo free text for the customer (order number, description)
    event InvoiceCreated(uint256 indexed id, address indexed merchant, address indexed token, uint256 amount, uint64 expiry, string memo);

    /// @notice Emitted when a customer pays an invoice.
    /// @param id the invoice
    /// @param payer the customer that signed the payment
    /// @param merchant the account paid
    /// @param paid the tokens that moved from payer to merchant (amount − discount)
    /// @param discount coupon discount plus the value of the redeemed points, in base units
    /// @param pointsRedeemed loyalty points spent on this invoice
    /// @param pointsEarned loyalty points credited for this payment
    event InvoicePaid(
        uint256 indexed id, address indexed payer, address indexed merchant, uint256 paid, uint256 discount, uint256 pointsRedeemed, uint256 pointsEarned
    );

    /// @notice Emitted for each refund, full or partial.
    /// @param amount tokens returned by this refund
    /// @param refundedTotal all tokens refunded on this invoice so far
    event InvoiceRefunded(uint256 indexed id, address indexed merchant, address indexed payer, uint256 amount, uint256 refundedTotal);

    /// @notice Emitted when a merchant starts, changes or ends (both values 0) its loyalty programme.
    event LoyaltyProgramSet(address indexed merchant, uint256 pointsPerUnit, uint256 pointValue);

    /// @notice Emitted when a payment earns points.
    /// @param balance the customer's points at this merchant afterwards
    event PointsEarned(address indexed merchant, address indexed customer, uint256 indexed invoiceId, uint256 points, uint256 balance);

    /// @notice Emitted when points are spent on an invoice.
    /// @param value the discount the points gave, in base units of the invoice's token
    /// @param balance the customer's points at this merchant afterwards
    event PointsRedeemed(address indexed merchant, address indexed customer, uint256 indexed invoiceId, uint256 points, uint256 value, uint256 balance);

    /// @notice Emitted when a merchant creates a coupon; the code itself never appears on the ledger until used.
    /// @param kind 0 percentage (value in basis points, 1–10000), 1 fixed (value in base units of the invoice's token)
    event CouponCreated(address indexed merchant, bytes32 indexed codeHash, uint8 kind, uint256 value, uint64 expiry);

    /// @notice Emitted when a coupon is applied to an invoice (it cannot be used again).
    event CouponUsed(address indexed merchant, bytes32 indexed codeHash, uint256 indexed invoiceId, address customer, uint256 discount);

    /// @notice Creates an invoice payable by anyone but the merchant, coupons accepted. The caller (the
    ///         merchant) must be a verified account; `token` a deposit token; `amount` above zero; `expiry`
    ///         after the block time; `memo` at most 200 bytes of UTF-8.
    /// @return id the new invoice id (also in InvoiceCreated)
    function createInvoice(address token, uint256 amount, uint64 expiry, string calldata memo) external returns (uint256 id);

    /// @notice As above; with `acceptCoupons` false a payment with a coupon code reverts.
    function createInvoice(address token, uint256 amount, uint64 expiry, string calldata memo, bool acceptCoupons)
        external
        returns (uint256 id);

    /// @notice Everything about invoice `id`; reverts if it does not exist.
    /// @return merchant the account paid
    /// @return token the deposit token
    /// @return amount the invoice amount before discounts
    /// @return paidAmount tokens the payer actually paid (0 while open)
    /// @return payer the customer that paid (zero while open)
    /// @return status 0 Open, 1 Paid, 2 PartiallyRefunded, 3 Refunded, 4 Expired
    /// @return expiry unix seconds
    /// @return memo the merchant's text
    /// @return refunded tokens refunded so far
    /// @return discount coupon discount plus points value applied at payment
    /// @return pointsRedeemed points spent at payment
    /// @return paidBlock the block that included the payment (0 while open)
    /// @return acceptCoupons whether a coupon may be applied
    function getInvoice(uint256 id)
        external
        view
        returns (
            address merchant,
            address token,
            uint256 amount,
            uint256 paidAmount,
            address payer,
            uint8 status,
            uint64 expiry,
            string memory memo,
            uint256 refunded,
            uint256 discount,
            uint256 pointsRedeemed,
            uint64 paidBlock,
            bool acceptCoupons
        );

    /// @notice The number of invoices created so far (the highest id).
    function invoiceCount() external view returns (uint256);

    /// @notice An EIP-681 URI for a QR code: `ethereum:<this module>@<chainId>/payInvoice?uint256=<id>`. A wallet
    ///         calls `payInvoice(uint256)` on this module with the id (value 0); it should show `getInvoice(id)`
    ///         (amount, token, memo, merchant) before asking the customer to sign. Reverts if `id` does not exist.
    function paymentUri(uint256 id) external view returns (string memory);

    /// @notice Pays invoice `id` in full: `amount` moves from the signer to the merchant. Reverts if the
    ///         invoice does not exist, was already paid (naming the block), has expired, if the payer is the
    ///         merchant or not verified, or if the token refuses the transfer (the token's reason is in the revert).
    function payInvoice(uint256 id) external returns (uint256 paid, uint256 discount, uint256 pointsEarned);

    /// @notice Pays invoice `id` with the coupon whose code is `couponCode` ("" for none): the coupon must belong
    ///         to the invoice's merchant, be unused and unexpired, and the invoice must accept coupons.
    function payInvoice(uint256 id, string calldata couponCode) external returns (uint256 paid, uint256 discount, uint256 pointsEarned);

    /// @notice Pays invoice `id` spending `points` of the signer's points at its merchant (each worth the
    ///         programme's `pointValue` base units), after the coupon `couponCode` ("" for none). The discount
    ///         may not exceed what is still due: redeem at most that many points.
    function payInvoiceWithPoints(uint256 id, uint256 points, string calldata couponCode)
        external
        returns (uint256 paid, uint256 discount, uint256 pointsEarned);

    /// @notice Pays invoice `id` like `payInvoiceWithPoints`, but only on the terms the signer saw: reverts (and
    ///         nothing moves, no coupon or point is spent) unless the payment comes to exactly `amount` (after the
    ///         coupon and points) and goes to `merchant`. A wallet signs what it showed, so a lying node cannot make
    ///         it pay more or pay someone else. `points` 0 and `couponCode` "" for a plain payment.
    function payInvoiceExact(uint256 id, uint256 amount, address merchant, uint256 points, string calldata couponCode)
        external
        returns (uint256 paid, uint256 discount, uint256 pointsEarned);

    /// @notice The merchant of a paid invoice returns `amount` to its payer; partial refunds add up to at most
    ///         the paid amount. Loyalty points earned stay with the customer.
    function refund(uint256 id, uint256 amount) external;

    /// @notice Sets the caller's loyalty programme: `pointsPerUnit` points per whole token unit paid (pro rata,
    ///         rounded down per payment; one unit = 10^decimals base units) and `pointValue` base units of the
    ///         invoice's token per point redeemed. (0, 0) ends earning and redemption; balances are kept.
    function setLoyalty(uint256 pointsPerUnit, uint256 pointValue) external;

    /// @notice The loyalty programme of `merchant` (both 0 when it has none).
    function loyaltyOf(address merchant) external view returns (uint256 pointsPerUnit, uint256 pointValue);

    /// @notice The points `customer` holds at `merchant`.
    function pointsOf(address merchant, address customer) external view returns (uint256);

    /// @notice Creates a single-use coupon of the caller's: `codeHash` = keccak256 of the UTF-8 code;
    ///         `kind` 0 percentage (`value` in basis points 1–10000) or 1 fixed (`value` base units, above 0);
    ///         `expiry` after the block time. A code the caller already created reverts.
    function createCoupon(bytes32 codeHash, uint8 kind, uint256 value, uint64 expiry) external;

    /// @notice The coupon `codeHash` of `merchant`.
    /// @return exists false for a code this merchant never created (other fields then 0)
    /// @return kind 0 percentage, 1 fixed
    /// @return value basis points or base units
    /// @return expiry unix seconds
    /// @return usedOnInvoice the invoice it was applied to, 0 while unused
    function getCoupon(address merchant, bytes32 codeHash)
        external
        view
        returns (bool exists, uint8 kind, uint256 value, uint64 expiry, uint256 usedOnInvoice);
}
