// The calendar's event details panel: after htmx loads an event into it, move the keyboard
// focus to the event's heading so that keyboard and screen-reader users land on what they
// opened. Without JavaScript every event is a normal link to its own page.
(function () {
  "use strict";
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.target.id !== "event-details") return;
    var heading = event.target.querySelector("h3[tabindex]");
    if (heading) heading.focus();
    var current = document.querySelector(".cal-event[aria-current]");
    if (current) current.removeAttribute("aria-current");
    var trigger = event.detail && event.detail.requestConfig && event.detail.requestConfig.elt;
    if (trigger && trigger.classList && trigger.classList.contains("cal-event")) {
      trigger.setAttribute("aria-current", "true");
    }
  });
})();
