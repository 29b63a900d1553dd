// Progressive enhancement only: every page works without this file.
// Countdown timers for rest between sets and for timed holds, one after another (the left
// side, then the right side) where an item is held per side.
(function () {
  var running = new Map();  // timer element -> function that stops it

  function clock(left) {
    var m = Math.floor(left / 60), s = left % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  }

  // A phone throttles timers in the background; counting down to a fixed end time keeps
  // the count right whenever the page wakes up again. Returns a function that stops it.
  function countdown(seconds, show, end) {
    var until = Date.now() + seconds * 1000;
    function left() { return Math.max(0, Math.ceil((until - Date.now()) / 1000)); }
    function halt() {
      clearInterval(id);
      document.removeEventListener("visibilitychange", tick);
    }
    function tick() {
      var n = left();
      show(n);
      if (n > 0) { return; }
      halt();
      end();
    }
    show(left());
    var id = setInterval(tick, 250);
    document.addEventListener("visibilitychange", tick);
    return halt;
  }

  // Holds and rests outlast a screen's usual auto-lock; released as soon as time is up.
  function keepAwake() {
    var lock = null, wanted = true;
    if (navigator.wakeLock) {
      navigator.wakeLock.request("screen").then(function (l) {
        if (wanted) { lock = l; } else { l.release(); }
      }, function () {});
    }
    return function () { wanted = false; if (lock) { lock.release(); lock = null; } };
  }

  // Said once, at the end of each part: a live region that changed every second would be
  // read out every second.
  function say(el, text) {
    var said = el.querySelector("[data-timer-said]");
    if (said) { said.textContent = text; }
    if (navigator.vibrate) { navigator.vibrate(300); }
  }

  function start(el) {
    stop(el);
    var seconds = parseInt(el.dataset.seconds, 10);
    var out = el.querySelector("[data-timer-display]") || el;
    var done = el.dataset.doneText || "Time";
    var release = keepAwake();
    var halt = countdown(seconds, function (left) {
      out.textContent = left > 0 ? clock(left) : done;
    }, function () {
      release();
      running.delete(el);
      say(el, done);
    });
    running.set(el, function () {
      halt();
      release();
      running.delete(el);
      out.textContent = seconds + " s";
    });
  }

  // A list of holds run in turn, with a short changeover between two of them.
  function startHolds(el, button) {
    stop(el);
    var parts = Array.prototype.slice.call(el.querySelectorAll("li[data-seconds]"));
    var out = el.querySelector("[data-timer-display]");
    var label = el.querySelector("[data-timer-label]");
    var changeover = parseInt(el.dataset.changeover || "0", 10);
    var done = el.dataset.doneText || "Done";
    var release = keepAwake();
    var halt = function () {};
    out.hidden = false;
    label.hidden = false;
    function mark(index) {
      parts.forEach(function (li, i) {
        li.classList.toggle("is-over", i < index);
        if (i === index) { li.setAttribute("aria-current", "step"); }
        else { li.removeAttribute("aria-current"); }
      });
    }
    function finish() {
      release();
      running.delete(el);
      mark(parts.length);
      label.textContent = done;
      out.textContent = "0:00";
      button.textContent = button.dataset.label;
      say(el, done);
    }
    function hold(index) {
      var li = parts[index];
      mark(index);
      label.textContent = li.dataset.label;
      say(el, label.textContent);
      halt = countdown(parseInt(li.dataset.seconds, 10), function (left) {
        out.textContent = clock(left);
      }, function () {
        if (index + 1 >= parts.length) { finish(); } else { rest(index + 1); }
      });
    }
    function rest(next) {
      if (changeover <= 0) { hold(next); return; }
      label.textContent = "Get ready: " + parts[next].dataset.label;
      halt = countdown(changeover, function (left) {
        out.textContent = clock(left);
      }, function () { hold(next); });
    }
    running.set(el, function () {
      halt();
      release();
      running.delete(el);
      mark(-1);
      label.hidden = true;
      out.hidden = true;
      button.textContent = button.dataset.label;
    });
    button.textContent = "Stop and reset";
    hold(0);
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
    root.querySelectorAll("[data-holds-start]").forEach(function (button) {
      var target = document.getElementById(button.dataset.holdsStart);
      button.dataset.label = button.textContent;
      button.hidden = false;
      button.addEventListener("click", function () {
        if (!target) { return; }
        if (running.has(target)) { stop(target); } else { startHolds(target, button); }
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
  // A page swapped in by htmx leaves its timers behind: stop those no longer on the page.
  document.addEventListener("htmx:afterSwap", function (e) {
    running.forEach(function (halt, el) { if (!document.body.contains(el)) { halt(); } });
    wire(e.target);
  });
})();
