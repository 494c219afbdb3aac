// Small helpers around htmx's websocket extension (django_htmx/ext/hx-ws-2.js) for chat threads
// and support tickets. Pages work without this file: forms post and the page reloads.
(function () {
  "use strict";

  function scroller(elt) { return elt && elt.closest(".chat-scroll"); }

  function nearBottom(box) { return box.scrollHeight - box.scrollTop - box.clientHeight < 120; }

  function toBottom(root) {
    (root || document).querySelectorAll(".chat-scroll").forEach(function (box) { box.scrollTop = box.scrollHeight; });
  }

  // The sender gets a new message twice (in the reply to its own post, and over the socket): keep one.
  document.addEventListener("htmx:oobBeforeSwap", function (event) {
    var target = event.detail.target;
    if (!target || !target.classList.contains("chat-messages")) return;
    var incoming = event.detail.fragment && event.detail.fragment.firstElementChild;
    if (incoming && incoming.id && document.getElementById(incoming.id)) {
      event.detail.shouldSwap = false;
      return;
    }
    var box = scroller(target);
    target.dataset.stick = box && nearBottom(box) ? "1" : "";
  });

  // The owner's inbox: a conversation with a new message arrives at the top of the list; drop its
  // older copy further down and the "no messages yet" notice.
  document.addEventListener("htmx:oobAfterSwap", function (event) {
    var list = event.detail.target;
    if (!list || list.id !== "inbox-list") return;
    var seen = {};
    list.querySelectorAll("li[id^='inbox-row-']").forEach(function (row) {
      if (seen[row.id]) row.remove(); else seen[row.id] = true;
    });
    var empty = document.getElementById("inbox-empty");
    if (empty) empty.remove();
  });

  document.addEventListener("htmx:oobAfterSwap", function (event) {
    var target = event.detail.target;
    if (!target || !target.classList.contains("chat-messages")) return;
    var last = target.lastElementChild;
    var box = scroller(target);
    if (box && (target.dataset.stick === "1" || (last && last.classList.contains("mine")))) box.scrollTop = box.scrollHeight;
    if (last && last.classList.contains("theirs")) acknowledge(target.closest("[ws-connect]"));
  });

  // Read receipts: a message that arrives while the page is visible has been seen.
  var sockets = new WeakMap();
  var pending = new Set();

  document.addEventListener("htmx:wsOpen", function (event) {
    var thread = event.detail.elt || event.target;
    sockets.set(thread, event.detail.socketWrapper);
    thread.dataset.live = "1"; // connected: updates arrive as they happen
  });

  document.addEventListener("htmx:wsClose", function (event) {
    delete (event.detail.elt || event.target).dataset.live;
  });

  function acknowledge(thread) {
    if (!thread || !thread.classList.contains("chat-thread")) return;
    if (document.visibilityState !== "visible") { pending.add(thread); return; }
    var socket = sockets.get(thread);
    if (socket) socket.send(JSON.stringify({ type: "read" }));
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState !== "visible") return;
    pending.forEach(function (thread) { if (document.body.contains(thread)) acknowledge(thread); });
    pending.clear();
  });

  // Typing: tell the other side, at most every two seconds (their indicator fades by itself).
  var lastTyping = 0;
  document.addEventListener("input", function (event) {
    var field = event.target;
    if (!field.matches || !field.matches(".chat-composer textarea")) return;
    var socket = sockets.get(field.closest(".chat-thread"));
    if (!socket || Date.now() - lastTyping < 2000) return;
    lastTyping = Date.now();
    socket.send(JSON.stringify({ type: "typing" }));
  });

  // Enter sends, Shift+Enter starts a new line.
  document.addEventListener("keydown", function (event) {
    var field = event.target;
    if (event.key !== "Enter" || event.shiftKey || event.isComposing || !field.matches("#chat-composer textarea")) return;
    event.preventDefault();
    if (field.value.trim() || field.form.querySelector("input[type=file]").files.length) field.form.requestSubmit();
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var elt = event.detail.elt;
    if (elt && elt.matches && elt.matches(".chat-composer")) {
      var field = elt.querySelector("textarea");
      if (field) field.focus();
    }
    if (elt && elt.id === "conversation-pane") toBottom(elt);
  });

  document.addEventListener("DOMContentLoaded", function () { toBottom(document); });
})();
