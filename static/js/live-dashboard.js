// The live owner dashboard: one websocket to /ws/analytics/dashboard/ whose messages only say that
// something changed ({"type": "changed"}). Each element with data-live-refresh is then re-fetched
// from that address as an htmx fragment (the server renders what a reload would show) and swapped in
// place. Visitors leave the 5-minute window without any event, so the panel also refreshes every 30 s.
(function () {
  "use strict";
  if (!document.querySelector("[data-live-refresh]") || !("WebSocket" in window)) return;
  var url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws/analytics/dashboard/";
  var retries = 0;
  var pending = null;
  var connected = false;

  function refresh() {
    pending = null;
    if (!window.htmx) return;
    document.querySelectorAll("[data-live-refresh]").forEach(function (element) {
      if (!element.id) return;
      window.htmx.ajax("GET", element.dataset.liveRefresh, { target: "#" + element.id, swap: "outerHTML" });
    });
  }

  function soon() {
    // Several events in a burst (an order also empties a cart) make one round of requests.
    if (pending === null) pending = setTimeout(refresh, 250);
  }

  function status(on) {
    connected = on;
    document.querySelectorAll("[data-live-status]").forEach(function (badge) { badge.hidden = !on; });
  }

  function connect() {
    var socket = new WebSocket(url);
    var ping = null;
    socket.onopen = function () {
      retries = 0;
      status(true);
      ping = setInterval(function () { socket.send("ping"); soon(); }, 30000);
    };
    socket.onmessage = function () { soon(); };
    socket.onclose = function (event) {
      clearInterval(ping);
      status(false);
      if (event.code >= 4000) return; // refused: this person may not watch
      retries = Math.min(retries + 1, 4);
      setTimeout(connect, (0.5 + Math.random() / 2) * Math.min(5000, 300 * Math.pow(2, retries)));
    };
  }
  document.addEventListener("htmx:afterSwap", function () { status(connected); });
  connect();
})();
