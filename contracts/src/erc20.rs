//! The ERC-20 calls Tessera makes of the tokens it takes: decimals for quotes, and for the
//! refund wallet, its balance, its allowance to the contract, and approving the contract.

alloy::sol! {
    #[sol(rpc)]
    interface IERC20 {
        function decimals() external view returns (uint8);
        function balanceOf(address account) external view returns (uint256);
        function allowance(address owner, address spender) external view returns (uint256);
        function approve(address spender, uint256 amount) external returns (bool);
    }
}
