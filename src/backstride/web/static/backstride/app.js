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
  // A page swapped in by htmx, or a session step shown with no signal (the event below),
  // leaves its timers behind: stop those no longer on the page.
  function swapped(e) {
    running.forEach(function (halt, el) { if (!document.body.contains(el)) { halt(); } });
    wire(e.target);
  }
  document.addEventListener("htmx:afterSwap", swapped);
  document.addEventListener("backstride:step", swapped);
})();

// The installable, offline-first app: the service worker, the install button, and the
// outbox (queue.js) for a session's taps, a morning check-in or a run entered with no signal.
// Such an entry is kept on the phone with a key of its own, said so in a live region, and
// sent once the connection is back (on `online`, on load, or by the worker's sync), oldest
// first; the server stores a key once. The guided session goes on step by step from what
// the page carries; a warning sign shows what to do at once, from the steps it carries.
(function () {
  var Outbox = window.BackstrideOutbox;
  var SESSION = ["/session/set/", "/session/item/", "/session/feeling/"];
  var QUEUED = SESSION.concat(["/today/check-in/", "/today/run/"]);
  var ORDER = { self_manage: 0, see_doctor: 1, urgent: 2, emergency: 3 };
  var SAVED = "Saved on this phone, will send when online.";
  var LISTED_OPEN = 3;  // entries listed open; more fold away
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
      var name = session.name(f("exercise"), entry);
      return name + ", set " + f("set_number") + ": " + f("reps") + " reps, pain " + f("pain");
    }
    if (entry.url === "/session/item/") {
      var ids = Outbox.fieldAll(entry, "exercise");
      if (ids.length > 1) { return "The optional extras: left out"; }
      return session.name(ids[0], entry) + ": " + (f("outcome") === "done" ? "done" : "skipped");
    }
    if (entry.url === "/session/feeling/") { return "How your back feels after the session: " + f("feeling_after") + "/10"; }
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
        box.appendChild(waiting.length > LISTED_OPEN ? folded(list, waiting.length) : list);
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
  // A long list (a whole session with no signal) folds away, so the step stays in view.
  function folded(list, count) {
    var more = document.createElement("details");
    var summary = document.createElement("summary");
    summary.textContent = "What waits: " + count + " entries, oldest first";
    more.appendChild(summary);
    more.appendChild(list);
    return more;
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

  function keep(form, submitter) {
    var entry = { key: keyOf(form), url: pathOf(form), fields: Outbox.fieldsOf(form, submitter), runner: runner };
    var id = Outbox.field(entry, "exercise");
    if (id) { entry.label = session.name(id, entry); }
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
    if (SESSION.indexOf(entry.url) >= 0) { return session.kept(entry); }
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
      keep(form, event.submitter).then(function () { if (!offline) { send(); } });
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
    // Anything else is not kept: say so rather than doing nothing.
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

  // --- the guided session with no signal: each tap kept, the step that comes next shown ---
  // The page carries today's steps still ahead in core's order, with what puts each behind
  // the runner (its sets saved, a set above the pain limit, done or skipped), and a copy of
  // each step as the server shows it. Nothing is decided here that the server does not
  // decide again when the taps arrive.
  var seen = {};  // the session's taps this page has gone by, by key (some may be sent since)
  var session = {
    data: function () {
      var el = document.getElementById("offline-session");
      return el ? JSON.parse(el.textContent) : null;
    },
    box: function () { return document.getElementById("session-step"); },
    name: function (id, entry) {
      var data = session.data();
      var step = data && data.steps.filter(function (s) { return s.id === id; })[0];
      return step ? step.name : (entry && entry.label) || id;
    },
    // Where the session stands: the page's data as the server made it, with the taps kept
    // on the phone today since then, oldest first.
    where: function (data, items) {
      items.forEach(function (e) {
        if (SESSION.indexOf(e.url) >= 0 && e.state === "waiting" && sameDay(e.made, Date.now())) { seen[e.key] = e; }
      });
      var ahead = data.steps.map(function (s) { return { step: s, saved: s.saved, over: false }; });
      var feeling = null;
      var taps = Object.keys(seen).map(function (k) { return seen[k]; });
      taps.sort(function (a, b) { return a.made - b.made; }).forEach(function (e) {
        if (e.url === "/session/feeling/") { feeling = Outbox.field(e, "feeling_after"); return; }
        var ids = Outbox.fieldAll(e, "exercise");
        ahead.forEach(function (at) {
          if (ids.indexOf(at.step.id) < 0) { return; }
          if (e.url === "/session/item/") { at.over = true; return; }
          var number = parseInt(Outbox.field(e, "set_number"), 10);
          if (!(number > at.step.saved)) { return; }  // stored already when the page was made
          at.saved = Math.max(at.saved, number);
          if (session.stops(data, e)) { at.over = true; }
        });
      });
      var next = ahead.filter(function (a) { return !a.over && (!a.step.strength || a.saved < a.step.sets); })[0];
      return { next: next || null, feeling: feeling };
    },
    stops: function (data, entry) {
      return entry.url === "/session/set/" && parseInt(Outbox.field(entry, "pain"), 10) > data.stop_above;
    },
    // A tap just kept: said in the outbox, then the page moves on (a rest after a set that
    // leads to another set, as online).
    kept: function (entry) {
      var data = session.data();
      var note = data && session.stops(data, entry) ? data.stop_note.replace("{pain}", Outbox.field(entry, "pain")) : null;
      return show(note).then(function (items) { session.advance(items || [], entry); });
    },
    advance: function (items, after) {
      var data = session.data(), box = session.box();
      if (!data || !box) { return; }
      var at = session.where(data, items);
      if (!at.next) { session.finish(box, at.feeling); return; }
      var step = at.next.step;
      if (box.dataset.step !== step.id && !session.swap(box, document.querySelector('template[data-offline-step="' + step.id + '"]'), step.id)) { return; }
      box.querySelectorAll("#rest, [data-offline-rest]").forEach(function (el) { el.remove(); });
      if (!step.strength) { return; }
      session.set(box, data, step, at.next.saved + 1);
      if (after && after.url === "/session/set/" && !session.stops(data, after)) { session.rest(box); }
    },
    // The next step, from its copy, as a new page would show it.
    swap: function (box, copy, id) {
      if (!copy) { return false; }
      box.replaceChildren(copy.content.cloneNode(true));
      box.dataset.step = id;
      if (window.htmx) { window.htmx.process(box); }
      box.dispatchEvent(new CustomEvent("backstride:step", { bubbles: true }));
      window.scrollTo(0, 0);
      return true;
    },
    set: function (box, data, step, number) {
      var label = box.querySelector("[data-set-label]");
      if (label) { label.textContent = "Set " + number + " of " + step.sets; }
      var form = box.querySelector('form[action="/session/set/"]');
      if (!form) { return; }
      form.querySelector('input[name="set_number"]').value = number;
      form.querySelector('input[name="reps"]').value = step.target_reps;
      var zero = form.querySelector('input[name="pain"][value="0"]');
      if (zero) { zero.checked = true; }
      var good = form.querySelector('input[name="form_ok"][value="yes"]');
      if (good) { good.checked = true; }
      var skip = box.querySelector(".skip-form button[aria-describedby=skip-means]");
      var means = box.querySelector("#skip-means");
      if (number > 1 && skip && means) {
        skip.textContent = data.skip_after_sets[0];
        means.textContent = data.skip_after_sets[1];
      }
    },
    rest: function (box) {
      var copy = document.getElementById("offline-rest");
      if (!copy) { return; }
      var holder = document.createElement("div");
      holder.dataset.offlineRest = "";
      holder.appendChild(copy.content.cloneNode(true));
      box.insertBefore(holder, box.querySelector("[data-set-label]"));
      holder.dispatchEvent(new CustomEvent("backstride:step", { bubbles: true }));
    },
    // Every step behind the runner: the closing question, its answer kept on the phone.
    finish: function (box, feeling) {
      if (box.dataset.step !== "" && !session.swap(box, document.getElementById("offline-finish"), "")) { return; }
      var chosen = feeling === null ? null : box.querySelector('input[name="feeling_after"][value="' + feeling + '"]');
      if (chosen) { chosen.checked = true; }
    },
    // Figures of the steps ahead, kept by the worker for the steps shown with no signal.
    keepFigures: function () {
      var data = session.data();
      if (!data || !window.caches) { return; }
      data.steps.forEach(function (s) { fetch(s.figure).catch(function () {}); });
    }
  };

  // A page opened from the phone's copy (or before what waits is sent): the entries waiting
  // change what it shows.
  function resume(items) {
    if (!items) { return; }
    if (document.getElementById("offline-session")) { session.advance(items, null); }
    if (navigator.onLine !== false) { return; }
    items.filter(function (e) { return e.state === "waiting" && SESSION.indexOf(e.url) < 0; }).forEach(function (e) {
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
      resume(items);
      return count();
    }).then(send).then(count);
  });
  // htmx swapped in a new step (sent while online): its figures may be new.
  document.addEventListener("htmx:afterSwap", function () { addInstallButton(); show(); session.keepFigures(); });
  window.addEventListener("online", function () { send().then(count); });
  if (navigator.serviceWorker) {
    navigator.serviceWorker.addEventListener("message", function (event) {
      if ((event.data || {}).type === "outbox-sent") { send().then(count); }
    });
  }
})();
