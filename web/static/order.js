// Follows an order that is waiting for payment or being confirmed, or paid with its tickets
// still being issued: asks for its state every two seconds and reloads the page once it
// changes (or the tickets are ready), so the customer never has to. The server renders the
// truth; this only notices when there is a new truth to render.
(function () {
  "use strict";
  var section = document.querySelector("[data-poll]");
  if (!section) return;
  var id = section.getAttribute("data-order-id");
  // status:detected:seen — what the page shows; a change to any of them is news.
  var shown = section.getAttribute("data-shown");
  var waitTickets = section.hasAttribute("data-wait-tickets");
  // ETH and tokens: the key goes on with each payment log's state, as the page's does.
  var ethRail = section.hasAttribute("data-eth");
  var delay = 2000;
  var tries = 0;
  function check() {
    tries += 1;
    fetch("/api/orders/" + encodeURIComponent(id) + "/confirmation", {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (order) {
        var key = order && [order.status, order.payment.detected, order.payment.seen_minor || 0].join(":");
        if (order && ethRail) {
          var required = order.payment.confirmations_required;
          key += ":" + (order.payment.eth_payments || [])
            .map(function (p) {
              return required ? p.status + "/" + Math.min(p.confirmations, required) : p.status;
            })
            .join(",");
        }
        if (order && (key !== shown || (waitTickets && order.tickets_pdf_url))) {
          window.location.reload();
          return;
        }
        // Back off slowly: a bank transfer may take a while; a card payment takes seconds.
        if (tries > 30) delay = 10000;
        window.setTimeout(check, delay);
      })
      .catch(function () {
        window.setTimeout(check, 10000);
      });
  }
  window.setTimeout(check, delay);
})();
