// "Pay with browser wallet" on an order paid in ETH or a token: asks the injected wallet
// (window.ethereum, EIP-1193) for an account, switches it to the quote's chain, and sends the
// transactions the server prepared (a token's approve, then the payment) exactly as given.
// Nothing here decides an amount: the calldata carries the signed quote, and the contract
// refuses anything else. The order page follows the payment by itself (order.js).
(function () {
  "use strict";
  var button = document.querySelector("[data-wallet-pay]");
  if (!button) return;
  var status = document.querySelector("[data-wallet-status]");
  var say = function (text) {
    if (status) status.textContent = text;
  };
  var wallet = window.ethereum;
  if (!wallet || typeof wallet.request !== "function") {
    button.disabled = true;
    say("No browser wallet was found. Scan the code with a wallet app, or install a wallet extension.");
    return;
  }
  var chainId = button.getAttribute("data-chain-id");
  // The contract refuses the quote after its deadline: do not ask anyone to sign a payment
  // that can only fail (and cost them gas).
  var deadline = Number(button.getAttribute("data-deadline") || "0") * 1000;
  function expired() {
    return deadline > 0 && Date.now() > deadline;
  }
  var txs;
  try {
    txs = JSON.parse(button.getAttribute("data-transactions") || "[]");
  } catch (e) {
    txs = [];
  }

  function waitForReceipt(hash) {
    return new Promise(function (resolve, reject) {
      var tries = 0;
      (function poll() {
        tries += 1;
        wallet
          .request({ method: "eth_getTransactionReceipt", params: [hash] })
          .then(function (receipt) {
            if (receipt && receipt.status === "0x1") return resolve(receipt);
            if (receipt && receipt.status === "0x0") return reject(new Error("the transaction failed"));
            if (tries > 300) return reject(new Error("the transaction is taking too long"));
            window.setTimeout(poll, 2000);
          }, reject);
      })();
    });
  }

  button.addEventListener("click", function () {
    if (expired()) {
      button.disabled = true;
      say("This quote has expired, so the contract would refuse it. Reload the page to see your order.");
      return;
    }
    button.disabled = true;
    say("Asking your wallet…");
    var from;
    var approved = false;
    wallet
      .request({ method: "eth_requestAccounts" })
      .then(function (accounts) {
        from = accounts && accounts[0];
        if (!from) throw new Error("the wallet gave no account");
        return wallet.request({ method: "wallet_switchEthereumChain", params: [{ chainId: chainId }] });
      })
      .then(function () {
        // One after the other: the payment needs the approval mined first.
        return txs.reduce(function (done, tx) {
          return done.then(function () {
            if (tx.step === "pay" && expired()) throw new Error("the quote expired before the payment was sent");
            say(tx.step === "approve" ? "Approve the token in your wallet…" : "Confirm the payment in your wallet…");
            return wallet
              .request({
                method: "eth_sendTransaction",
                params: [{ from: from, to: tx.to, value: tx.value, data: tx.data }],
              })
              .then(function (hash) {
                say(tx.step === "approve" ? "Waiting for the approval to be mined…" : "Payment sent. Waiting for it to be mined…");
                return waitForReceipt(hash);
              })
              .then(function () {
                if (tx.step === "approve") approved = true;
                else say("Payment mined. Waiting for confirmations; this page updates by itself.");
              });
          });
        }, Promise.resolve());
      })
      .catch(function (err) {
        button.disabled = expired();
        var why = (err && err.message) || "it was refused";
        say(
          "The payment did not go through: " + why + ". " +
            (approved
              ? "The approval was mined, so only the payment is left: you can try again."
              : "Nothing was paid; you can try again.")
        );
      });
  });
})();
