// The notification bell: one websocket to /ws/notifications/ whose messages are HTML fragments
// (the same out-of-band fragments htmx pages get); each element replaces the one with its id.
// Plain JavaScript because the bell sits in page headers, above the deferred htmx script.
(function () {
  "use strict";
  var bell = document.querySelector("[data-notification-bell]");
  if (!bell || !("WebSocket" in window)) return;
  var url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + bell.dataset.notificationBell;
  var retries = 0;

  function apply(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    Array.prototype.forEach.call(template.content.children, function (fresh) {
      var current = fresh.id && document.getElementById(fresh.id);
      if (current) {
        fresh.removeAttribute("hx-swap-oob");
        current.replaceWith(fresh);
      }
    });
  }

  function connect() {
    var socket = new WebSocket(url);
    // data-connected: the server accepts only once this page is subscribed (tests wait on it).
    socket.onopen = function () { retries = 0; bell.dataset.connected = "true"; };
    socket.onmessage = function (event) { apply(event.data); };
    socket.onclose = function (event) {
      delete bell.dataset.connected;
      if (event.code >= 4000) return; // refused (signed out): do not knock again
      // A growing pause, but never past 5 s: the bell is back within seconds of the server (or
      // its Redis) returning, instead of after a minute-long backoff.
      retries = Math.min(retries + 1, 4);
      setTimeout(connect, (0.5 + Math.random() / 2) * Math.min(5000, 300 * Math.pow(2, retries)));
    };
  }
  connect();
})();
