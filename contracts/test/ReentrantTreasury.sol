// SPDX-License-Identifier: AGPL-3.0-only
pragma solidity ^0.8.28;

import {TesseraPay} from "../src/TesseraPay.sol";

/// @title ReentrantTreasury: a treasury that, when paid, tries to pay a second order through
/// TesseraPay from inside the first payment.
/// @notice It keeps the ETH and records why the inner call failed, so a test can see that it
/// was the reentrancy guard that stopped it (and not, say, a missing balance).
contract ReentrantTreasury {
    TesseraPay.Quote private quote;
    bytes private signature;
    bool private armed;
    /// @notice The revert data of the reentrant call, empty if it succeeded or never ran.
    bytes public lastError;
    bool public reentered;

    function arm(TesseraPay.Quote calldata quote_, bytes calldata signature_) external {
        quote = quote_;
        signature = signature_;
        armed = true;
    }

    receive() external payable {
        if (!armed) return;
        armed = false;
        try TesseraPay(payable(msg.sender)).pay{value: quote.amount}(quote, signature) {
            reentered = true;
        } catch (bytes memory reason) {
            lastError = reason;
        }
    }
}
