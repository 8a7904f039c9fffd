// The event's time also on the viewer's own clock, when they are in another zone than the
// event: "(22:30 your time)" after the time. The server writes the time on the event's clock
// and the sentence in the page's language (data-your-time, with U+E000 where the time goes);
// only the browser knows its own zone.
(function () {
  "use strict";
  var viewer;
  try {
    viewer = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    return;
  }
  if (!viewer) return;
  var lang = document.documentElement.lang || undefined;
  var clock = function (zone, at) {
    return new Intl.DateTimeFormat("en", {
      timeZone: zone, year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric",
    }).format(at);
  };
  document.querySelectorAll("time[data-your-time][data-zone]").forEach(function (el) {
    var at = new Date(el.getAttribute("datetime"));
    if (isNaN(at.getTime())) return;
    var zone = el.getAttribute("data-zone");
    var here;
    try {
      // The same wall clock (another name for the same zone, or the same offset): nothing to add.
      if (clock(zone, at) === clock(viewer, at)) return;
      here = new Intl.DateTimeFormat(lang, {
        timeZone: viewer, weekday: "short", day: "numeric", month: "short", hour: "numeric", minute: "2-digit",
      }).format(at);
    } catch (e) {
      return;
    }
    var span = document.createElement("span");
    span.className = "your-time";
    span.textContent = " " + el.getAttribute("data-your-time").split("\uE000").join(here);
    // After the event's zone when it is named beside the time, so each time keeps its zone.
    var next = el.nextElementSibling;
    (next && next.classList.contains("tz") ? next : el).insertAdjacentElement("afterend", span);
  });
})();
