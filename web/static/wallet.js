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

  // The token's allowance(owner, spender), read before approving: the contract may already be
  // allowed enough (an approval mined before a payment that did not go through); and a token
  // like USDT changes an allowance left over only through zero.
  function pad(address) {
    return address.toLowerCase().replace(/^0x/, "").padStart(64, "0");
  }
  function allowance(token, owner, spender) {
    return wallet
      .request({ method: "eth_call", params: [{ to: token, data: "0xdd62ed3e" + pad(owner) + pad(spender) }, "latest"] })
      .then(function (hex) {
        return BigInt(hex && hex !== "0x" ? hex : "0x0");
      });
  }

  function send(tx, data, waiting) {
    return wallet
      .request({ method: "eth_sendTransaction", params: [{ from: from, to: tx.to, value: tx.value, data: data }] })
      .then(function (hash) {
        say(waiting);
        return waitForReceipt(hash);
      });
  }
  var from;

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
            if (tx.step === "approve") {
              // approve(spender, amount): the spender and the amount are its two words.
              var spender = "0x" + tx.data.slice(10 + 24, 10 + 64);
              var wanted = BigInt("0x" + tx.data.slice(10 + 64, 10 + 128));
              return allowance(tx.to, from, spender).then(function (has) {
                if (has >= wanted) {
                  approved = true;
                  return;
                }
                var reset = has > BigInt(0)
                  ? (say("Reset the token's earlier approval in your wallet…"),
                    send(tx, tx.data.slice(0, 10 + 64) + "0".repeat(64), "Waiting for the reset to be mined…"))
                  : Promise.resolve();
                return reset
                  .then(function () {
                    say("Approve the token in your wallet…");
                    return send(tx, tx.data, "Waiting for the approval to be mined…");
                  })
                  .then(function () {
                    approved = true;
                  });
              });
            }
            say("Confirm the payment in your wallet…");
            return send(tx, tx.data, "Payment sent. Waiting for it to be mined…").then(function () {
              say("Payment mined. Waiting for confirmations; this page updates by itself.");
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
