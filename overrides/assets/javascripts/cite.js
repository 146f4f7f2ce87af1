// Under each exchange's heading: its permanent link, "Copy link", which puts the full
// link on the clipboard, and "Cite", which opens the citations of the exchange and of each
// answer, each with a "Copy" button. Where the page was built without its site's address,
// the links are relative: the address the reader is at replaces them. A citation copied
// ends with the day it was copied on ("accessed 4 December 2026"): the page itself, the
// same on every build, cannot say it.
(function () {
  "use strict";

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];

  function today() {
    var now = new Date();
    return now.getDate() + " " + MONTHS[now.getMonth()] + " " + now.getFullYear();
  }

  function absolute(anchor) {
    return new URL("#" + anchor, window.location.href).href;
  }

  function select(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  // Puts `text` on the clipboard and says so on `button` for a while; where the browser
  // will not, `element` is selected for the reader to copy.
  function copy(text, element, button) {
    var label = button.textContent;
    var name = button.getAttribute("aria-label");
    var say = function (what) {
      button.textContent = what;
      button.setAttribute("aria-label", what);
      clearTimeout(button.restore);
      button.restore = setTimeout(function () {
        button.textContent = label;
        button.setAttribute("aria-label", name);
      }, 4000);
    };
    var failed = function () {
      select(element);
      say("Press Ctrl+C to copy");
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { say("Copied"); }, failed);
    } else {
      failed();
    }
  }

  document.querySelectorAll(".exchange-tools").forEach(function (tools) {
    var anchor = tools.dataset.anchor;
    var link = tools.querySelector(".exchange-url");
    var copyLink = tools.querySelector(".exchange-copy-link");
    if (link && !/^https?:\/\//.test(link.textContent)) link.textContent = absolute(anchor);
    if (link && copyLink) {
      copyLink.hidden = false;
      copyLink.addEventListener("click", function () { copy(link.textContent, link, copyLink); });
    }
    tools.querySelectorAll(".citation-item").forEach(function (item) {
      var citation = item.querySelector(".citation");
      var url = citation.querySelector(".citation-url");
      var button = item.querySelector(".citation-copy");
      if (url && !/^https?:\/\//.test(url.textContent)) url.textContent = absolute(citation.dataset.anchor);
      if (!button) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        copy(citation.textContent + ", accessed " + today(), citation, button);
      });
    });
  });
})();
