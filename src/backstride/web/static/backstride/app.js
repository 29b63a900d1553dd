// Progressive enhancement only: every page works without this file.
// Countdown timers for rest between sets and for timed holds.
(function () {
  var running = new Map();  // timer element -> function that stops it

  // A phone throttles timers in the background; counting down to a fixed end time keeps
  // the count right whenever the page wakes up again.
  function start(el) {
    stop(el);
    var seconds = parseInt(el.dataset.seconds, 10);
    var end = Date.now() + seconds * 1000;
    var out = el.querySelector("[data-timer-display]") || el;
    var said = el.querySelector("[data-timer-said]");
    var done = el.dataset.doneText || "Time";
    var lock = null;
    if (navigator.wakeLock) {
      // Rest is longer than a screen's usual auto-lock; release as soon as time is up.
      navigator.wakeLock.request("screen").then(function (l) { lock = l; }, function () {});
    }
    function show() {
      var left = Math.max(0, Math.ceil((end - Date.now()) / 1000));
      var m = Math.floor(left / 60), s = left % 60;
      out.textContent = left > 0 ? m + ":" + (s < 10 ? "0" : "") + s : done;
      return left;
    }
    function finish() {
      clearInterval(id);
      document.removeEventListener("visibilitychange", tick);
      if (lock) { lock.release(); }
      running.delete(el);
    }
    function tick() {
      if (show() > 0) { return; }
      finish();
      // Said once, at the end: a live region that changed every second would be read
      // out every second.
      if (said) { said.textContent = done; }
      if (navigator.vibrate) { navigator.vibrate(300); }
    }
    show();
    var id = setInterval(tick, 250);
    document.addEventListener("visibilitychange", tick);
    running.set(el, function () {
      finish();
      out.textContent = seconds + " s";
    });
  }
  function stop(el) {
    var halt = running.get(el);
    if (halt) { halt(); }
  }
  function wire(root) {
    root.querySelectorAll("[data-timer-start]").forEach(function (button) {
      var target = document.getElementById(button.dataset.timerStart);
      var label = button.textContent;
      button.hidden = false;
      button.addEventListener("click", function () {
        if (!target) { return; }
        if (running.has(target)) {
          stop(target);
          button.textContent = label;
        } else {
          start(target);
          button.textContent = "Stop and reset";
        }
      });
    });
    root.querySelectorAll("[data-timer-skip]").forEach(function (button) {
      var target = document.getElementById(button.dataset.timerSkip);
      button.hidden = false;
      button.addEventListener("click", function () {
        if (target) { stop(target); target.hidden = true; }
      });
    });
    root.querySelectorAll("[data-timer-auto]").forEach(start);
    root.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    wire(document);
    // A refused form may sit below the fold (the run form on Today): bring its message
    // into view and give it focus, so nobody wonders whether it was saved.
    var refused = document.querySelector("[data-focus-on-load]");
    if (refused) { refused.focus(); }
  });
  document.addEventListener("htmx:afterSwap", function (e) { wire(e.target); });
})();
