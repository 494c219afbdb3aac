// Small enhancements for storefront pages. Everything works without this file.
(function () {
  "use strict";

  // Filters are a <details>: open by default on wide screens, one tap away on phones.
  function openFiltersOnDesktop(root) {
    if (!window.matchMedia("(min-width: 992px)").matches) return;
    root.querySelectorAll("details[data-open-on-desktop]").forEach(function (el) { el.open = true; });
  }

  // Gallery: thumbnails scroll the photo strip and show which photo is in view.
  function setupGallery(gallery) {
    var track = gallery.querySelector(".gallery-track");
    var thumbs = gallery.querySelectorAll(".gallery-thumb");
    if (!track || !thumbs.length) return;
    function show(id) {
      var slide = gallery.querySelector("#photo-" + id);
      if (slide) track.scrollTo({ left: slide.offsetLeft - track.offsetLeft, behavior: "smooth" });
    }
    thumbs.forEach(function (thumb) {
      thumb.addEventListener("click", function (event) { event.preventDefault(); show(thumb.dataset.photo); });
    });
    track.addEventListener("scroll", function () {
      var index = Math.round(Math.abs(track.scrollLeft) / track.clientWidth);
      thumbs.forEach(function (thumb, i) { thumb.classList.toggle("is-active", i === index); });
    }, { passive: true });
    gallery.showPhoto = show;
  }

  // Quantity − / + buttons.
  document.addEventListener("click", function (event) {
    var step = event.target.closest(".quantity-step");
    if (!step) return;
    var input = step.parentElement.querySelector("input");
    var value = (parseInt(input.value, 10) || 1) + parseInt(step.dataset.step, 10);
    var max = parseInt(input.max, 10);
    input.value = Math.max(1, isNaN(max) ? value : Math.min(max, value));
  });

  // A picked variant with its own photo brings that photo into view.
  document.addEventListener("htmx:afterSwap", function (event) {
    var box = document.getElementById("buy-box");
    var gallery = document.querySelector("[data-gallery]");
    if (box && gallery && gallery.showPhoto && box.dataset.variantPhoto) gallery.showPhoto(box.dataset.variantPhoto);
    openFiltersOnDesktop(event.target);
  });

  // Add to cart: the pressed button says "added ✓" for a moment, the mini-cart pulses, and the
  // message shows as a toast fixed at the bottom of the screen (CSS), so a phone user sees all three.
  document.addEventListener("cart-item-added", function (event) {
    var button = event.target.closest && event.target.closest("form") && event.target.closest("form").querySelector(".add-to-cart-button");
    if (button) {
      var label = button.querySelector(".add-to-cart-label");
      if (!button.dataset.label) button.dataset.label = label.textContent;
      label.textContent = button.dataset.addedLabel;
      button.classList.add("is-added");
      clearTimeout(button.addedTimer);
      button.addedTimer = setTimeout(function () {
        label.textContent = button.dataset.label;
        button.classList.remove("is-added");
      }, 2500);
    }
  });
  document.addEventListener("htmx:oobAfterSwap", function (event) {
    if (event.target.id === "mini-cart") event.target.classList.add("is-bumped");
  });
  // Toasts leave by themselves after a while (errors stay until closed).
  document.addEventListener("htmx:afterSettle", function () {
    document.querySelectorAll(".store #messages .alert:not(.alert-danger):not([data-timer])").forEach(function (alert) {
      alert.dataset.timer = "1";
      setTimeout(function () { alert.remove(); }, 6000);
    });
  });

  document.addEventListener("DOMContentLoaded", function () {
    openFiltersOnDesktop(document);
    document.querySelectorAll("[data-gallery]").forEach(setupGallery);
    var box = document.getElementById("buy-box");
    var gallery = document.querySelector("[data-gallery]");
    if (box && gallery && gallery.showPhoto && box.dataset.variantPhoto) gallery.showPhoto(box.dataset.variantPhoto);
  });
})();
