/* Owner dashboard: toasts after htmx actions, bulk selection, formset rows, photo drag-and-drop.
   Small and dependency-free; every feature here is an enhancement of a form that works without it. */
(function () {
  "use strict";

  function toastContainer() {
    var box = document.getElementById("dashboard-toasts");
    if (!box) {
      box = document.createElement("div");
      box.id = "dashboard-toasts";
      box.className = "toast-container position-fixed bottom-0 start-50 translate-middle-x p-3";
      box.setAttribute("aria-live", "polite");
      document.body.appendChild(box);
    }
    return box;
  }

  function showToast(text, level) {
    if (!text) return;
    var toast = document.createElement("div");
    toast.className = "toast align-items-center border-0 text-bg-" + (level || "success");
    toast.setAttribute("role", level === "danger" ? "alert" : "status");
    toast.innerHTML = '<div class="d-flex"><div class="toast-body"></div>' +
      '<button type="button" class="btn-close btn-close-white m-auto me-2" data-bs-dismiss="toast"></button></div>';
    toast.querySelector(".toast-body").textContent = text;
    toastContainer().appendChild(toast);
    if (window.bootstrap && window.bootstrap.Toast) {
      new window.bootstrap.Toast(toast, { delay: 3500 }).show();
      toast.addEventListener("hidden.bs.toast", function () { toast.remove(); });
    } else {
      toast.classList.add("show");
      setTimeout(function () { toast.remove(); }, 3500);
    }
  }

  document.body.addEventListener("dashboard:toast", function (event) {
    showToast(event.detail.text, event.detail.level);
  });

  // A failed request must never look like nothing happened.
  document.body.addEventListener("htmx:responseError", function () {
    var source = document.querySelector("[data-request-failed]");
    showToast(source ? source.dataset.requestFailed : "Error", "danger");
  });

  // Bulk selection: "All" checkbox and the selected count.
  function updateSelection() {
    var boxes = document.querySelectorAll('input[name="ids"][form="product-bulk"]');
    var checked = Array.prototype.filter.call(boxes, function (box) { return box.checked; }).length;
    var label = document.querySelector("[data-selected-count]");
    if (label) {
      if (!label.dataset.empty) label.dataset.empty = label.textContent;
      label.textContent = checked ? label.dataset.template.replace("__", checked.toLocaleString(document.documentElement.lang)) : label.dataset.empty;
    }
    var all = document.querySelector("[data-select-all]");
    if (all) all.checked = boxes.length > 0 && checked === boxes.length;
  }
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches("[data-select-all]")) {
      document.querySelectorAll('input[name="ids"][form="product-bulk"]').forEach(function (box) { box.checked = target.checked; });
    }
    if (target.matches("[data-select-all], input[name='ids']")) updateSelection();
  });
  document.body.addEventListener("htmx:afterSwap", updateSelection);

  // Formsets: "Another variant/discount" copies the empty form and raises TOTAL_FORMS.
  document.querySelectorAll("[data-formset]").forEach(function (section) {
    var prefix = section.dataset.formset;
    var button = section.querySelector("[data-formset-add]");
    var template = section.querySelector("template[data-formset-empty]");
    var total = section.querySelector('input[name="' + prefix + '-TOTAL_FORMS"]');
    if (!button || !template || !total) return;
    // The empty row the server adds (for pages without JavaScript) goes: the button adds rows here.
    var extra = section.querySelectorAll("[data-formset-extra]");
    extra.forEach(function (row) { row.remove(); });
    total.value = parseInt(total.value, 10) - extra.length;
    button.hidden = false;
    button.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      var forms = section.querySelector("[data-formset-forms]");
      forms.insertAdjacentHTML("beforeend", html);
      if (window.htmx) window.htmx.process(forms.lastElementChild);  // the row's calendar buttons
      total.value = index + 1;
    });
  });

  // Photos: drag to reorder, then post the new order (the arrow buttons do the same without JS).
  var dragged = null;
  document.addEventListener("dragstart", function (event) {
    dragged = event.target.closest && event.target.closest(".image-item");
    if (dragged) dragged.classList.add("dragging");
  });
  document.addEventListener("dragover", function (event) {
    var over = event.target.closest && event.target.closest(".image-item");
    if (!dragged || !over || over === dragged || over.parentNode !== dragged.parentNode) return;
    event.preventDefault();
    var rect = over.getBoundingClientRect();
    over.parentNode.insertBefore(dragged, event.clientY > rect.top + rect.height / 2 ? over.nextSibling : over);
  });
  document.addEventListener("dragend", function () {
    if (!dragged) return;
    var list = dragged.parentNode;
    dragged.classList.remove("dragging");
    dragged = null;
    var order = Array.prototype.map.call(list.querySelectorAll(".image-item"), function (item) { return item.dataset.imageId; });
    if (window.htmx) {
      window.htmx.ajax("POST", list.dataset.reorderUrl, { target: "#product-images", swap: "outerHTML", values: { order: order.join(",") } });
    }
  });
})();
