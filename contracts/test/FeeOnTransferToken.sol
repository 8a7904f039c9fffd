// SPDX-License-Identifier: AGPL-3.0-only
pragma solidity ^0.8.28;

import {MockERC20} from "./MockERC20.sol";

/// @title FeeOnTransferToken: burns 1 % of every transfer, so the receiver gets 99 %.
/// @notice For proving that TesseraPay measures what arrived, not what was asked for.
contract FeeOnTransferToken is MockERC20 {
    constructor() MockERC20("Fee Token", "FEE") {}

    function _move(address from, address to, uint256 amount) internal override {
        require(balanceOf[from] >= amount, "balance");
        uint256 fee = amount / 100;
        balanceOf[from] -= amount;
        balanceOf[to] += amount - fee;
        totalSupply -= fee;
        emit Transfer(from, to, amount - fee);
        emit Transfer(from, address(0), fee);
    }
}
