// Copy and share buttons next to a read-only link field (the marketer's links). The field alone
// works without this file: it can be selected and copied by hand.
(function () {
  "use strict";

  function copied(button) {
    if (!button.dataset.label) button.dataset.label = button.textContent;
    button.textContent = button.dataset.copiedLabel;
    clearTimeout(button.copiedTimer);
    button.copiedTimer = setTimeout(function () { button.textContent = button.dataset.label; }, 2000);
  }

  document.addEventListener("click", function (event) {
    var copy = event.target.closest && event.target.closest("[data-copy]");
    if (copy) {
      var field = document.getElementById(copy.dataset.copy);
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(function () { copied(copy); });
      } else {
        field.select();
        document.execCommand("copy");
        copied(copy);
      }
      return;
    }
    var share = event.target.closest && event.target.closest("[data-share]");
    if (share) {
      var url = document.getElementById(share.dataset.share).value;
      navigator.share({ title: share.dataset.shareTitle, url: url }).catch(function () {});
    }
  });

  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("[data-select-on-focus]")) event.target.select();
  });

  document.addEventListener("DOMContentLoaded", function () {
    if (!navigator.share) return;  // phones: the system share sheet
    document.querySelectorAll("[data-share]").forEach(function (button) { button.hidden = false; });
  });
})();
