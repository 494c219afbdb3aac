// Small behaviours shared by every page, as data attributes instead of inline handlers (the
// Content-Security-Policy allows no inline script without a nonce).
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
  var field = event.target.closest("[data-select-on-click]");
  if (field && typeof field.select === "function") {
    field.select();
  }
});

// Polling (hx-trigger="every …") skips its turn while the tab is hidden; a trigger filter would
// do the same but needs eval, which the policy forbids.
document.addEventListener("htmx:confirm", function (event) {
  if (document.hidden && event.target.closest("[data-poll-when-visible]")) {
    event.preventDefault();
  }
});

// File pickers (templates/includes/file_picker.html) name the chosen files in the page's language.
document.addEventListener("change", function (event) {
  var input = event.target;
  var shown = input.classList && input.classList.contains("file-picker-input") && input.parentNode.querySelector(".file-picker-name");
  if (!shown) return;
  var count = input.files ? input.files.length : 0;
  shown.textContent = count === 0 ? shown.dataset.empty
    : count === 1 ? input.files[0].name
    : shown.dataset.many.replace("__", count.toLocaleString(document.documentElement.lang));
});
