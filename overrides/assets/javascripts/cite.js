// "Cite" under each exchange: the citation, selected when opened, and a "Copy" button
// that puts it on the clipboard. Where the page was built without its site's address,
// the link in the citation is relative: the address the reader is at replaces it.
(function () {
  "use strict";

  function absolute(citation) {
    var url = citation.querySelector(".citation-url");
    if (url && !/^https?:\/\//.test(url.textContent)) {
      url.textContent = new URL("#" + citation.dataset.anchor, window.location.href).href;
    }
  }

  function select(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copy(citation, button) {
    var done = function () { button.textContent = "Copied"; };
    select(citation);
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(citation.textContent).then(done, function () {
        button.textContent = "Press Ctrl+C to copy";
      });
    } else {
      done = document.execCommand && document.execCommand("copy") ? done : function () {
        button.textContent = "Press Ctrl+C to copy";
      };
      done();
    }
  }

  document.querySelectorAll("details.exchange-cite").forEach(function (details) {
    var citation = details.querySelector(".citation");
    var button = details.querySelector(".citation-copy");
    if (!citation || !button) return;
    absolute(citation);
    button.hidden = false;
    button.addEventListener("click", function () { copy(citation, button); });
    details.addEventListener("toggle", function () {
      if (details.open) select(citation);
      button.textContent = "Copy";
    });
  });
})();
