// Follow-up threads and observations: htmx forms that keep the text on any error.
// A validation error comes back as a re-rendered form (the text in it); a server or network error
// swaps nothing, so the text stays where it is, and this script says so next to the field.
(function () {
  "use strict";

  function showError(form, message) {
    var region = form.querySelector("[data-form-error]");
    var field = form.querySelector("textarea");
    if (region) {
      region.textContent = message;
      region.hidden = false;
    }
    if (field) {
      field.setAttribute("aria-invalid", "true");
      var described = (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      if (region && region.id && described.indexOf(region.id) === -1) described.push(region.id);
      field.setAttribute("aria-describedby", described.join(" "));
      field.focus();
    }
  }

  function announce(message) {
    var status = document.getElementById("followup-status");
    if (status) status.textContent = message;
  }

  function onFailure(event) {
    var elt = event.detail && event.detail.elt;
    if (!elt || !elt.closest) return;
    var form = elt.closest("form[data-htmx-errors]");
    var xhr = event.detail.xhr;
    var message = "";
    if (xhr && xhr.status >= 400 && xhr.status < 500 && xhr.responseText) {
      // The 403/404 fragment carries a translated sentence.
      var holder = document.createElement("div");
      holder.innerHTML = xhr.responseText;
      message = (holder.textContent || "").trim();
    }
    if (form && form.querySelector("textarea")) {
      showError(form, message || form.getAttribute("data-error-message") || "");
    } else {
      var status = document.getElementById("followup-status");
      announce(message || (status && status.getAttribute("data-error-message")) || "");
    }
  }

  document.addEventListener("htmx:responseError", onFailure);
  document.addEventListener("htmx:sendError", onFailure);
  // Where the focus goes after each swap (the new comment, an edit form, a field with an error)
  // is decided once for every page, in mentora.js.
})();
