// SPDX-License-Identifier: AGPL-3.0-only
pragma solidity ^0.8.28;

/// @title NoReturnToken: a 6-decimal, USDT-like token whose `transfer`, `transferFrom` and
/// `approve` return nothing, as USDT's do on mainnet (it predates the ERC-20 `bool`).
/// @notice For proving that TesseraPay takes such tokens, in payments and in refunds. Anyone
/// can mint. Never deploy this anywhere that matters.
/// @dev Not a MockERC20: an override cannot drop the return value. Like USDT it refuses with
/// empty revert data (USDT's SafeMath asserts), never by returning false, and an allowance of
/// type(uint256).max is never spent.
contract NoReturnToken {
    string public constant name = "Tether USD";
    string public constant symbol = "USDT";
    uint8 public constant decimals = 6;
    uint256 public totalSupply;
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    function mint(address to, uint256 amount) external {
        totalSupply += amount;
        balanceOf[to] += amount;
        emit Transfer(address(0), to, amount);
    }

    /// @dev USDT's guard against the approve race: a non-zero allowance must be set to zero
    /// before it can be changed to another non-zero one.
    function approve(address spender, uint256 amount) external {
        require(amount == 0 || allowance[msg.sender][spender] == 0);
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
    }

    function transfer(address to, uint256 amount) external {
        _move(msg.sender, to, amount);
    }

    function transferFrom(address from, address to, uint256 amount) external {
        uint256 allowed = allowance[from][msg.sender];
        if (allowed != type(uint256).max) {
            require(allowed >= amount);
            allowance[from][msg.sender] = allowed - amount;
        }
        _move(from, to, amount);
    }

    function _move(address from, address to, uint256 amount) private {
        require(balanceOf[from] >= amount);
        balanceOf[from] -= amount;
        balanceOf[to] += amount;
        emit Transfer(from, to, amount);
    }
}
