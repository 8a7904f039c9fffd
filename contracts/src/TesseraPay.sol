// SPDX-License-Identifier: AGPL-3.0-only
pragma solidity ^0.8.28;

/// @dev The two ERC-20 calls we make. Declared here because nothing can be installed.
interface IERC20 {
    function balanceOf(address account) external view returns (uint256);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

/// @title TesseraPay: Tessera's on-chain checkout for ETH and allow-listed ERC-20 tokens.
/// @notice A customer pays an order with the quote the shop gave them (order id, token, exact
/// amount, deadline) and the operator's EIP-712 signature over it, so nobody can pay a price
/// we did not offer. Each order is paid at most once, for exactly the quoted amount, before the
/// deadline, and the money goes straight on to the treasury: the contract holds nothing.
/// @dev Follows the rules of Coinbase's Commerce onchain payment protocol, cut down to what a
/// ticket shop needs. No external libraries: the few pieces (ownership, pause, reentrancy
/// guard, EIP-712, signature checks, ERC-20 calls) are written out below.
contract TesseraPay {
    /// @notice What the shop quoted for one order. `token` is address(0) for ETH; `amount` is
    /// in the token's base units (wei for ETH); `deadline` is a unix time in seconds.
    struct Quote {
        bytes32 orderId;
        address token;
        uint256 amount;
        uint256 deadline;
    }

    /// @dev What an order paid, and how much of it has been refunded. `amount` is never zero
    /// for a paid order (zero amounts are refused), so it doubles as the "paid" flag; 96 bits
    /// keep the token and the amount in one storage slot, which is what a payment writes.
    struct Payment {
        address token;
        uint96 amount;
        uint96 refunded;
    }

    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 private constant QUOTE_TYPEHASH =
        keccak256("Quote(bytes32 orderId,address token,uint256 amount,uint256 deadline)");
    bytes32 private constant NAME_HASH = keccak256("TesseraPay");
    bytes32 private constant VERSION_HASH = keccak256("1");

    /// @dev Half the secp256k1 group order. A signature with a larger `s` has a twin
    /// (n - s, flipped v) that recovers the same signer; accepting only the low half makes
    /// every signature unique (EIP-2).
    uint256 private constant HALF_CURVE_ORDER = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;

    /// @dev The domain separator depends on the chain id; it is cached for the chain we were
    /// deployed on and recomputed if the chain ever forks to another id.
    uint256 private immutable CACHED_CHAIN_ID;
    bytes32 private immutable CACHED_DOMAIN_SEPARATOR;

    address public owner;
    /// @notice The address `transferOwnership` named, until it accepts.
    address public pendingOwner;
    bool public paused;
    /// @notice Where every payment goes on to.
    address public treasury;
    /// @notice The key that signs quotes (the shop's backend). Rotated by the owner.
    address public operator;
    /// @notice The key that sends refunds (the shop's refund wallet, apart from the operator so
    /// that the web app, which signs quotes, cannot move money). Rotated by the owner.
    address public refunder;
    mapping(address token => bool) public tokenAllowed;
    mapping(bytes32 orderId => Payment) public payments;

    /// @dev Transient (EIP-1153): cleared at the end of every transaction, costs 200 gas.
    bool private transient locked;

    event OrderPaid(bytes32 indexed orderId, address indexed payer, address indexed token, uint256 amount);
    event OrderRefunded(bytes32 indexed orderId, address indexed to, address indexed token, uint256 amount);
    event OwnershipTransferStarted(address indexed previousOwner, address indexed newOwner);
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);
    event TreasuryChanged(address indexed treasury);
    event OperatorChanged(address indexed operator);
    event RefunderChanged(address indexed refunder);
    event TokenAllowedChanged(address indexed token, bool allowed);
    event Paused(address account);
    event Unpaused(address account);

    error NotOwner();
    error NotRefunder();
    error NotPendingOwner();
    error ZeroAddress();
    error ContractPaused();
    error NotPaused();
    error Reentrancy();
    error QuoteExpired(uint256 deadline);
    error AmountOutOfRange(uint256 amount);
    error WrongAmount(uint256 quoted, uint256 received);
    error WrongToken(address token);
    error TokenNotAllowed(address token);
    error AlreadyPaid(bytes32 orderId);
    error InvalidSignature();
    error TransferFailed();
    error NotPaid(bytes32 orderId);
    error RefundTooLarge(uint256 refundable, uint256 requested);
    error EthNotAccepted();
    error UnknownCall();

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner();
        _;
    }

    /// @dev Refunds are sent by the refunder, or by the owner cleaning up an incident by hand.
    modifier onlyRefunder() {
        if (msg.sender != refunder && msg.sender != owner) revert NotRefunder();
        _;
    }

    modifier whenNotPaused() {
        if (paused) revert ContractPaused();
        _;
    }

    /// @dev Every function that calls out (ETH sends, token transfers) holds this, so a
    /// treasury, a token or a refund recipient cannot call back in mid-payment.
    modifier nonReentrant() {
        if (locked) revert Reentrancy();
        locked = true;
        _;
        locked = false;
    }

    constructor(address owner_, address treasury_, address operator_, address refunder_) {
        if (owner_ == address(0) || treasury_ == address(0) || operator_ == address(0) || refunder_ == address(0)) {
            revert ZeroAddress();
        }
        owner = owner_;
        treasury = treasury_;
        operator = operator_;
        refunder = refunder_;
        CACHED_CHAIN_ID = block.chainid;
        CACHED_DOMAIN_SEPARATOR = _buildDomainSeparator();
        emit OwnershipTransferred(address(0), owner_);
        emit TreasuryChanged(treasury_);
        emit OperatorChanged(operator_);
        emit RefunderChanged(refunder_);
    }

    // ------------------------------------------------------------------ paying

    /// @notice Pays an order in ETH. `msg.value` must be exactly `quote.amount`.
    function pay(Quote calldata quote, bytes calldata signature) external payable whenNotPaused nonReentrant {
        _payEth(quote, signature);
    }

    /// @notice `pay` with the quote's fields as plain arguments, the amount being the ETH sent:
    /// what an EIP-681 payment link calls (it cannot spell a struct). The signature covers the
    /// amount, so any other value is refused.
    function payEth(bytes32 orderId, uint256 deadline, bytes calldata signature)
        external
        payable
        whenNotPaused
        nonReentrant
    {
        _payEth(Quote({orderId: orderId, token: address(0), amount: msg.value, deadline: deadline}), signature);
    }

    /// @notice Pays an order in an allow-listed ERC-20 token, which the payer has approved this
    /// contract to spend. The tokens go straight to the treasury; what ARRIVED there must be
    /// exactly `quote.amount`, so a token that takes a fee on transfer is refused.
    function payToken(Quote calldata quote, bytes calldata signature) external whenNotPaused nonReentrant {
        _payToken(quote, signature);
    }

    /// @notice `payToken` with the quote's fields as plain arguments, for EIP-681 links.
    function payTokenWith(bytes32 orderId, address token, uint256 amount, uint256 deadline, bytes calldata signature)
        external
        whenNotPaused
        nonReentrant
    {
        _payToken(Quote({orderId: orderId, token: token, amount: amount, deadline: deadline}), signature);
    }

    /// @notice The EIP-712 digest the operator signs for `quote`; for off-chain tools.
    function quoteDigest(Quote memory quote) public view returns (bytes32) {
        bytes32 structHash = keccak256(abi.encode(QUOTE_TYPEHASH, quote.orderId, quote.token, quote.amount, quote.deadline));
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator(), structHash));
    }

    /// @notice The EIP-712 domain: name "TesseraPay", version "1", this chain, this contract.
    function domainSeparator() public view returns (bytes32) {
        return block.chainid == CACHED_CHAIN_ID ? CACHED_DOMAIN_SEPARATOR : _buildDomainSeparator();
    }

    // ------------------------------------------------------------------ refunds

    /// @notice Refunds part or all of an ETH payment: the refunder (or the owner) sends the ETH
    /// along and it is passed on to `to`. Refunds of an order never add up to more than it paid.
    /// Works while paused: refunds are how an incident is cleaned up.
    function refundEth(bytes32 orderId, address payable to) external payable onlyRefunder nonReentrant {
        if (to == address(0)) revert ZeroAddress();
        _recordRefund(orderId, address(0), msg.value);
        (bool ok,) = to.call{value: msg.value}("");
        if (!ok) revert TransferFailed();
        emit OrderRefunded(orderId, to, address(0), msg.value);
    }

    /// @notice Refunds part or all of a token payment, pulled from the sender (the refunder or
    /// the owner, who approves this contract first), since the contract itself holds nothing.
    function refundToken(bytes32 orderId, address token, address to, uint256 amount)
        external
        onlyRefunder
        nonReentrant
    {
        if (to == address(0)) revert ZeroAddress();
        if (token == address(0)) revert WrongToken(token);
        _recordRefund(orderId, token, amount);
        _transferFrom(token, msg.sender, to, amount);
        emit OrderRefunded(orderId, to, token, amount);
    }

    // ------------------------------------------------------------------ owner

    function setTreasury(address treasury_) external onlyOwner {
        if (treasury_ == address(0)) revert ZeroAddress();
        treasury = treasury_;
        emit TreasuryChanged(treasury_);
    }

    /// @notice Rotates the quote-signing key. Quotes signed by the old key stop working at once.
    function setOperator(address operator_) external onlyOwner {
        if (operator_ == address(0)) revert ZeroAddress();
        operator = operator_;
        emit OperatorChanged(operator_);
    }

    /// @notice Rotates the refund key. Refunds it sent stay as they are.
    function setRefunder(address refunder_) external onlyOwner {
        if (refunder_ == address(0)) revert ZeroAddress();
        refunder = refunder_;
        emit RefunderChanged(refunder_);
    }

    function setTokenAllowed(address token, bool allowed) external onlyOwner {
        if (token == address(0)) revert ZeroAddress();
        tokenAllowed[token] = allowed;
        emit TokenAllowedChanged(token, allowed);
    }

    /// @notice Stops new payments (not refunds or owner changes).
    function pause() external onlyOwner {
        if (paused) revert ContractPaused();
        paused = true;
        emit Paused(msg.sender);
    }

    function unpause() external onlyOwner {
        if (!paused) revert NotPaused();
        paused = false;
        emit Unpaused(msg.sender);
    }

    /// @notice Names the next owner, who takes over by calling `acceptOwnership`: two steps, so
    /// ownership never goes to an address nobody controls (a typo). address(0) is refused, as
    /// there is no renouncing: refunds need an owner. Naming another address replaces the
    /// pending one.
    function transferOwnership(address newOwner) external onlyOwner {
        if (newOwner == address(0)) revert ZeroAddress();
        pendingOwner = newOwner;
        emit OwnershipTransferStarted(owner, newOwner);
    }

    /// @notice The pending owner takes over.
    function acceptOwnership() external {
        if (msg.sender != pendingOwner) revert NotPendingOwner();
        emit OwnershipTransferred(owner, msg.sender);
        owner = msg.sender;
        pendingOwner = address(0);
    }

    // ------------------------------------------------------------------ stray calls

    /// @dev ETH only arrives through `pay`, which ties it to an order; anything else would be
    /// money we cannot attribute.
    receive() external payable {
        revert EthNotAccepted();
    }

    fallback() external payable {
        revert UnknownCall();
    }

    // ------------------------------------------------------------------ internals

    /// @dev Deadline, amount range, not yet paid, and the operator's signature over exactly
    /// this quote on this chain for this contract.
    function _payEth(Quote memory quote, bytes calldata signature) private {
        if (quote.token != address(0)) revert WrongToken(quote.token);
        _checkQuote(quote, signature);
        if (msg.value != quote.amount) revert WrongAmount(quote.amount, msg.value);
        _record(quote);

        (bool ok,) = treasury.call{value: msg.value}("");
        if (!ok) revert TransferFailed();
        emit OrderPaid(quote.orderId, msg.sender, address(0), msg.value);
    }

    function _payToken(Quote memory quote, bytes calldata signature) private {
        address token = quote.token;
        if (!tokenAllowed[token]) revert TokenNotAllowed(token);
        _checkQuote(quote, signature);
        _record(quote);

        address to = treasury;
        uint256 before = IERC20(token).balanceOf(to);
        _transferFrom(token, msg.sender, to, quote.amount);
        uint256 received = IERC20(token).balanceOf(to) - before;
        if (received != quote.amount) revert WrongAmount(quote.amount, received);
        emit OrderPaid(quote.orderId, msg.sender, token, quote.amount);
    }

    function _checkQuote(Quote memory quote, bytes calldata signature) private view {
        if (block.timestamp > quote.deadline) revert QuoteExpired(quote.deadline);
        if (quote.amount == 0 || quote.amount > type(uint96).max) revert AmountOutOfRange(quote.amount);
        if (payments[quote.orderId].amount != 0) revert AlreadyPaid(quote.orderId);
        if (_recover(quoteDigest(quote), signature) != operator) revert InvalidSignature();
    }

    function _record(Quote memory quote) private {
        // The range was checked in _checkQuote.
        payments[quote.orderId] = Payment({token: quote.token, amount: uint96(quote.amount), refunded: 0});
    }

    function _recordRefund(bytes32 orderId, address token, uint256 amount) private {
        Payment storage p = payments[orderId];
        if (p.amount == 0) revert NotPaid(orderId);
        if (p.token != token) revert WrongToken(token);
        if (amount == 0) revert AmountOutOfRange(0);
        uint256 refundable = p.amount - p.refunded;
        if (amount > refundable) revert RefundTooLarge(refundable, amount);
        p.refunded += uint96(amount);
    }

    /// @dev ecrecover with the checks it lacks: 65 bytes, low s, v of 27 or 28, and never the
    /// zero address (what ecrecover returns for garbage), which the caller compares against a
    /// non-zero operator.
    function _recover(bytes32 digest, bytes calldata signature) private pure returns (address signer) {
        if (signature.length != 65) revert InvalidSignature();
        bytes32 r = bytes32(signature[0:32]);
        bytes32 s = bytes32(signature[32:64]);
        uint8 v = uint8(signature[64]);
        if (uint256(s) > HALF_CURVE_ORDER || (v != 27 && v != 28)) revert InvalidSignature();
        signer = ecrecover(digest, v, r, s);
        if (signer == address(0)) revert InvalidSignature();
    }

    /// @dev transferFrom that also accepts tokens returning nothing (USDT), and refuses a
    /// returned `false` or an address without code.
    function _transferFrom(address token, address from, address to, uint256 amount) private {
        if (token.code.length == 0) revert TransferFailed();
        (bool ok, bytes memory ret) = token.call(abi.encodeCall(IERC20.transferFrom, (from, to, amount)));
        if (!ok || (ret.length != 0 && (ret.length != 32 || !abi.decode(ret, (bool))))) revert TransferFailed();
    }

    function _buildDomainSeparator() private view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, NAME_HASH, VERSION_HASH, block.chainid, address(this)));
    }
}
