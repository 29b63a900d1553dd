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

// The installable, offline-first app: the service worker, the install button, and the
// outbox (queue.js) for a set, a morning check-in or a run entered with no signal. Such an
// entry is kept on the phone with a key of its own, said so in a live region, and sent once
// the connection is back (on `online`, on load, or by the worker's sync); the server stores
// a key once. The guided session goes on set by set from what the page carries; a warning
// sign shows what to do at once, from the steps the page carries.
(function () {
  var Outbox = window.BackstrideOutbox;
  var QUEUED = ["/session/set/", "/today/check-in/", "/today/run/"];
  var ORDER = { self_manage: 0, see_doctor: 1, urgent: 2, emergency: 3 };
  var SAVED = "Saved on this phone, will send when online.";
  var installPrompt = null;
  var shownWaiting = [];  // the entries last shown as waiting, to say which were sent

  function meta(name) {
    var el = document.querySelector('meta[name="' + name + '"]');
    return el ? el.content : null;
  }
  var runner = meta("backstride-runner");

  function csrf() {
    try { return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"]; }
    catch (e) { return null; }
  }

  function pathOf(form) { return new URL(form.action, location.href).pathname; }
  function queueable(form) { return form && form.tagName === "FORM" && QUEUED.indexOf(pathOf(form)) >= 0; }
  function sameDay(a, b) { return new Date(a).toDateString() === new Date(b).toDateString(); }

  // --- the service worker and the install button ---
  if ("serviceWorker" in navigator && meta("backstride-worker")) {
    navigator.serviceWorker.register(meta("backstride-worker"), { scope: "/" }).catch(function () {});
  }
  window.addEventListener("beforeinstallprompt", function (event) {
    event.preventDefault();
    installPrompt = event;
    var button = document.getElementById("install-app");
    if (button) { button.hidden = false; }
  });
  window.addEventListener("appinstalled", function () {
    installPrompt = null;
    var button = document.getElementById("install-app");
    if (button) { button.hidden = true; }
  });

  function addInstallButton() {
    var top = document.querySelector(".top");
    if (!top || document.getElementById("install-app")) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.id = "install-app";
    button.className = "quiet install";
    button.textContent = "Install backstride";
    button.hidden = !installPrompt;
    button.addEventListener("click", function () {
      if (!installPrompt) { return; }
      installPrompt.prompt();
      installPrompt.userChoice.then(function () { installPrompt = null; button.hidden = true; });
    });
    top.appendChild(button);
  }

  // --- what waits on the phone, said in a live region ---
  function region() {
    var el = document.getElementById("outbox");
    if (!el) {
      el = document.createElement("div");
      el.id = "outbox";
      el.className = "outbox";
      el.setAttribute("role", "status");
      el.setAttribute("aria-live", "polite");
      var main = document.getElementById("main");
      if (main) { main.insertBefore(el, main.firstChild); }
    }
    return el;
  }

  function describe(entry) {
    var f = function (name) { return Outbox.field(entry, name); };
    if (entry.url === "/session/set/") {
      var name = entry.label || f("exercise");
      return name + ", set " + f("set_number") + ": " + f("reps") + " reps, pain " + f("pain");
    }
    if (entry.url === "/today/check-in/") { return "Morning check-in, pain " + (f("morning_pain") || "?") + "/10"; }
    return "Run: " + (f("km") || "?") + " in " + (f("minutes") || "?") + " min";
  }

  function show(note) {
    if (!Outbox || !runner) { return Promise.resolve(); }
    return Outbox.all().then(function (items) {
      var mine = items.filter(function (e) { return e.runner === runner; });
      var waiting = mine.filter(function (e) { return e.state === "waiting"; });
      var refused = mine.filter(function (e) { return e.state === "refused"; });
      shownWaiting = waiting.map(function (e) { return e.key; });
      var el = region();
      el.textContent = "";
      el.hidden = !(waiting.length || refused.length || note);
      if (note) { para(el, note); }
      if (waiting.length) {
        var box = document.createElement("div");
        box.className = "card outbox-waiting";
        para(box, SAVED, "strong");
        var list = document.createElement("ul");
        waiting.forEach(function (e) { item(list, describe(e)); });
        box.appendChild(list);
        el.appendChild(box);
      }
      refused.forEach(function (e) {
        var box = document.createElement("div");
        box.className = "alert warn outbox-refused";
        para(box, "Not saved: " + describe(e), "strong");
        para(box, e.message);
        var dismiss = document.createElement("button");
        dismiss.type = "button";
        dismiss.className = "quiet";
        dismiss.textContent = "I have seen this";
        dismiss.addEventListener("click", function () { Outbox.remove(e.key).then(function () { show(); }); });
        box.appendChild(dismiss);
        el.appendChild(box);
      });
      return mine;
    });
  }

  function para(parent, text, strong) {
    var p = document.createElement("p");
    if (strong) { var s = document.createElement("strong"); s.textContent = text; p.appendChild(s); }
    else { p.textContent = text; }
    parent.appendChild(p);
  }
  function item(list, text) { var li = document.createElement("li"); li.textContent = text; list.appendChild(li); }

  function waitingKeys() {
    return Outbox.all().then(function (items) {
      return items.filter(function (e) { return e.runner === runner && e.state === "waiting"; })
        .map(function (e) { return e.key; });
    });
  }

  // What was sent is counted from the outbox itself: the worker's sync may have sent it first.
  function send() {
    if (!Outbox || !runner || navigator.onLine === false) { return Promise.resolve(); }
    var before = [];
    return waitingKeys().then(function (keys) {
      before = keys.concat(shownWaiting.filter(function (k) { return keys.indexOf(k) < 0; }));
      return Outbox.flush(runner, csrf());
    }).then(function (report) {
      return Outbox.all().then(function (items) {
        var left = items.map(function (e) { return e.key; });
        report.sent = before.filter(function (k) { return left.indexOf(k) < 0; }).length;
        return report;
      });
    }).then(function (report) {
      var note = null;
      if (report.sent) { note = report.sent === 1 ? "Sent: 1 entry from this phone is now stored." : "Sent: " + report.sent + " entries from this phone are now stored."; }
      if (report.login) { note = "Log in again to send what is saved on this phone."; }
      return show(note);
    }, function () { return show(); });
  }

  // --- keeping a write ---
  function keyOf(form) {
    var input = form.querySelector('input[name="client_key"]');
    if (!input) {
      input = document.createElement("input");
      input.type = "hidden";
      input.name = "client_key";
      input.value = crypto.randomUUID();
      form.appendChild(input);
    }
    return input.value;
  }

  function keep(form) {
    var entry = { key: keyOf(form), url: pathOf(form), fields: Outbox.fieldsOf(form), runner: runner };
    var heading = document.querySelector("main h1");
    if (entry.url === "/session/set/" && heading) { entry.label = heading.textContent; }
    return Outbox.add(entry).then(function () {
      if (navigator.serviceWorker && navigator.serviceWorker.ready) {
        navigator.serviceWorker.ready.then(function (reg) {
          if (reg.sync) { reg.sync.register("backstride-outbox").catch(function () {}); }
        });
      }
      return kept(form, entry);
    });
  }

  function kept(form, entry) {
    var input = form.querySelector('input[name="client_key"]');
    if (input) { input.remove(); }  // the next entry is a new write, with a new key
    if (entry.url === "/session/set/") {
      return show().then(function (items) { session.advance(items || []); });
    }
    var level = signLevel(form, entry);
    form.reset();
    return show().then(function () { warn(form, level); });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!queueable(form) || !Outbox || !runner) { return; }
    keyOf(form);
    // Offline, or with older entries still waiting (they go first, in order): keep it.
    var offline = navigator.onLine === false;
    if (offline || waitingCount > 0) {
      event.preventDefault();
      event.stopImmediatePropagation();
      keep(form).then(function () { if (!offline) { send(); } });
    }
  }, true);
  var waitingCount = 0;
  function count() {
    if (!Outbox || !runner) { return Promise.resolve(); }
    return Outbox.all().then(function (items) {
      waitingCount = items.filter(function (e) { return e.runner === runner && e.state === "waiting"; }).length;
    });
  }

  // An htmx form (the sets) the worker kept, or that failed with no worker to keep it.
  document.addEventListener("htmx:afterRequest", function (event) {
    var xhr = event.detail.xhr, form = event.detail.elt;
    if (xhr && xhr.getResponseHeader && xhr.getResponseHeader("X-Backstride-Queued") && queueable(form)) {
      var entry = { key: keyOf(form), url: pathOf(form), fields: Outbox.fieldsOf(form), runner: runner };
      kept(form, entry).then(count);
    }
  });
  document.addEventListener("htmx:sendError", function (event) {
    var form = event.detail.elt;
    if (queueable(form) && Outbox && runner) { keep(form).then(count); return; }
    // Anything else (a skip, a Done) is not kept: say so rather than doing nothing.
    show("No connection: that was not sent. Try again once you are back online.");
  });

  // --- a warning sign with no signal: what to do, at once ---
  function signLevel(form, entry) {
    var ticked = entry.fields.filter(function (p) { return p[0] === "red_flags"; }).map(function (p) { return p[1]; });
    var level = "self_manage";
    ticked.forEach(function (code) {
      var input = (form || document).querySelector('input[name="red_flags"][value="' + code + '"]');
      var label = input && input.closest("[data-level]");
      if (!label) { level = ORDER[level] < ORDER.see_doctor ? "see_doctor" : level; return; }
      var found = label.dataset.level;
      if (label.dataset.raises) {
        var raises = JSON.parse(label.dataset.raises);
        ticked.forEach(function (other) { if (raises[other] && ORDER[raises[other]] > ORDER[found]) { found = raises[other]; } });
      }
      if (ORDER[found] > ORDER[level]) { level = found; }
    });
    return level;
  }

  function warn(form, level) {
    if (!level || level === "self_manage") { return; }
    var box = (form && form.querySelector("[data-offline-steps]")) || document.querySelector("[data-offline-steps]");
    if (!box) { return; }
    box.hidden = false;
    box.querySelectorAll("[data-steps-for]").forEach(function (el) { el.hidden = el.dataset.stepsFor !== level; });
    var shown = box.querySelector('[data-steps-for="' + level + '"]');
    // First on the page, above the form it came from, with a word on what happened to it.
    var outbox = region();
    outbox.parentNode.insertBefore(box, outbox.nextSibling);
    if (!shown.querySelector("[data-kept]")) {
      var note = document.createElement("p");
      note.dataset.kept = "";
      note.textContent = "What you entered is saved on this phone and sent when you are back online.";
      shown.appendChild(note);
    }
    shown.setAttribute("role", "alert");
    shown.setAttribute("tabindex", "-1");
    shown.scrollIntoView({ block: "start" });
    shown.focus();
  }

  // --- the guided session, set after set with no signal ---
  var session = {
    data: function () {
      var el = document.getElementById("offline-session");
      return el ? JSON.parse(el.textContent) : null;
    },
    // Where the session stands once the sets kept on the phone today are counted.
    where: function (data, items) {
      var ahead = data.ahead.map(function (s) { return { step: s, saved: s.saved, stopped: false }; });
      items.forEach(function (e) {
        if (e.url !== "/session/set/" || e.state !== "waiting" || !sameDay(e.made, Date.now())) { return; }
        var at = ahead.filter(function (a) { return a.step.id === Outbox.field(e, "exercise"); })[0];
        var number = parseInt(Outbox.field(e, "set_number"), 10);
        if (!at || number <= at.step.saved) { return; }  // stored already when the page was made
        at.saved = Math.max(at.saved, number);
        if (parseInt(Outbox.field(e, "pain"), 10) > data.stop_above) { at.stopped = true; }
      });
      return ahead.filter(function (a) { return !a.stopped && a.saved < a.step.sets; })[0] || null;
    },
    advance: function (items) {
      var data = session.data();
      if (!data) { return; }
      var next = session.where(data, items);
      var form = document.querySelector('form[action="/session/set/"]');
      if (!form) { return; }
      var rest = document.getElementById("rest");
      if (rest) { rest.hidden = true; }
      if (!next) { session.done(form); return; }
      session.render(form, next.step, next.saved + 1);
    },
    render: function (form, step, number) {
      var main = document.getElementById("main");
      var set = (main.querySelector("[data-set-label]") || {});
      set.textContent = "Set " + number + " of " + step.sets;
      var heading = main.querySelector("h1");
      var changed = heading.textContent !== step.name;
      heading.textContent = step.name;
      var place = main.querySelector("[data-place]");
      if (place) { place.textContent = step.place; }
      main.querySelector(".dose").textContent = step.dose;
      form.querySelector('input[name="exercise"]').value = step.id;
      form.querySelector('input[name="set_number"]').value = number;
      form.querySelector('input[name="reps"]').value = step.target_reps;
      var zero = form.querySelector('input[name="pain"][value="0"]');
      if (zero) { zero.checked = true; }
      var good = form.querySelector('input[name="form_ok"][value="yes"]');
      if (good) { good.checked = true; }
      var label = form.querySelector('label[for="reps"]');
      if (label) { label.textContent = "Reps done" + (step.per_side ? " (each side)" : ""); }
      var skip = main.querySelector('form[action="/session/item/"] input[name="exercise"]');
      if (skip) { skip.value = step.id; }
      if (changed) { session.words(main, step); }
    },
    // The next exercise's words and figure (the figure from the worker's cache).
    words: function (main, step) {
      var why = main.querySelector("h1 ~ .why");
      if (why) { why.textContent = step.note; why.hidden = !step.note; }
      var figure = main.querySelector(".figure");
      if (figure) {
        figure.textContent = "";
        var img = document.createElement("img");
        img.src = step.figure;
        img.alt = "How " + step.name + " is done";
        img.className = "exercise-figure";
        figure.appendChild(img);
      }
      var how = main.querySelector("details.card");
      if (how) {
        var lists = how.querySelectorAll("ol, ul");
        fill(lists[0], step.steps);
        fill(lists[1], step.cues);
        var link = how.querySelector("a");
        if (link) { link.href = "/exercises/" + step.id + "/"; }
      }
    },
    done: function (form) {
      var main = document.getElementById("main");
      main.querySelectorAll("form").forEach(function (f) { f.hidden = true; });
      var heading = main.querySelector("h1");
      heading.textContent = "Strength sets done";
      var set = main.querySelector("[data-set-label]");
      if (set) { set.hidden = true; }
      var dose = main.querySelector(".dose");
      if (dose) { dose.textContent = "Every set is saved on this phone. The rest of today's session opens here when you are back online."; }
      ["h1 ~ .why", ".figure", "details.card"].forEach(function (sel) {
        var el = main.querySelector(sel);
        if (el) { el.hidden = true; }
      });
    },
    // Figures of the exercises ahead, kept for the next step when there is no signal.
    keepFigures: function () {
      var data = session.data();
      if (!data || !window.caches) { return; }
      data.ahead.forEach(function (s) { fetch(s.figure).catch(function () {}); });
    }
  };

  function fill(list, lines) {
    if (!list) { return; }
    list.textContent = "";
    lines.forEach(function (line) { item(list, line); });
  }

  // A page opened from the phone's copy: the entries waiting change what it shows.
  function resume(items) {
    if (!items) { return; }
    if (document.getElementById("offline-session")) { session.advance(items); }
    items.filter(function (e) { return e.state === "waiting" && e.url !== "/session/set/"; }).forEach(function (e) {
      var form = document.querySelector('form[action="' + e.url + '"]');
      warn(form, signLevel(form, e));
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    addInstallButton();
    if (!Outbox) { return; }
    Outbox.setMeta("runner", runner).catch(function () {});
    if (navigator.onLine !== false) { session.keepFigures(); }
    show().then(function (items) {
      if (navigator.onLine === false) { resume(items); }
      return count();
    }).then(send).then(count);
  });
  // htmx swapped in a new step (sent while online): its figures may be new.
  document.addEventListener("htmx:afterSwap", function () { addInstallButton(); show(); session.keepFigures(); });
  window.addEventListener("online", function () { send().then(count); });
})();
