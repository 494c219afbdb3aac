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
