// Progressive enhancement only: every page works without this file.
// Countdown timers for rest between sets and for timed holds.
(function () {
  function start(el) {
    var left = parseInt(el.dataset.seconds, 10);
    var out = el.querySelector("[data-timer-display]") || el;
    var done = el.dataset.doneText || "Time";
    function show() {
      var m = Math.floor(left / 60), s = left % 60;
      out.textContent = left > 0 ? m + ":" + (s < 10 ? "0" : "") + s : done;
    }
    show();
    var id = setInterval(function () {
      left -= 1;
      show();
      if (left <= 0) {
        clearInterval(id);
        if (navigator.vibrate) { navigator.vibrate(300); }
      }
    }, 1000);
  }
  function wire(root) {
    root.querySelectorAll("[data-timer-start]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var target = document.getElementById(button.dataset.timerStart);
        if (target) { start(target); button.disabled = true; }
      });
    });
    root.querySelectorAll("[data-timer-auto]").forEach(start);
  }
  document.addEventListener("DOMContentLoaded", function () { wire(document); });
  document.addEventListener("htmx:afterSwap", function (e) { wire(e.target); });
})();
