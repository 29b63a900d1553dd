// The outbox: a guided session's taps (sets, items done or skipped, how the back feels),
// morning check-ins and runs entered without a connection, kept on the phone in IndexedDB
// until they are sent. Loaded by the pages (app.js) and by the service
// worker (sw.js), so either can add to it and send it. Each entry carries the client-made
// key the server uses to store it once, however many times it is sent.
(function (scope) {
  var DB = "backstride", OUTBOX = "outbox", META = "meta";
  var LOCK = "backstride-outbox";

  function open() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB, 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore(OUTBOX, { keyPath: "key" });
        request.result.createObjectStore(META);
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function run(store, mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(store, mode);
        var result = work(tx.objectStore(store));
        tx.oncomplete = function () { db.close(); resolve(result && result.result); };
        tx.onerror = function () { db.close(); reject(tx.error); };
      });
    });
  }

  function all() {
    return run(OUTBOX, "readonly", function (s) { return s.getAll(); }).then(function (items) {
      return (items || []).sort(function (a, b) { return a.made - b.made; });
    });
  }

  // fields: the form's [name, value] pairs, client_key among them. `made` orders the sending:
  // always later than every entry already kept, even when two taps read the same clock.
  function add(entry) {
    entry.state = "waiting";
    return run(OUTBOX, "readwrite", function (s) {
      var request = s.getAll();
      request.onsuccess = function () {
        var last = (request.result || []).reduce(function (m, e) { return Math.max(m, e.made || 0); }, 0);
        entry.made = Math.max(entry.made || Date.now(), last + 1);
        s.put(entry);
      };
      return request;
    });
  }

  function put(entry) { return run(OUTBOX, "readwrite", function (s) { return s.put(entry); }); }
  function remove(key) { return run(OUTBOX, "readwrite", function (s) { return s.delete(key); }); }
  function getMeta(name) { return run(META, "readonly", function (s) { return s.get(name); }); }
  function setMeta(name, value) {
    return run(META, "readwrite", function (s) { return s.put(value, name); });
  }

  // With the button that sent the form, when it carries the answer (Done or Skip).
  function fieldsOf(form, submitter) {
    var pairs = [];
    new FormData(form).forEach(function (value, name) { pairs.push([name, String(value)]); });
    if (submitter && submitter.name) { pairs.push([submitter.name, submitter.value]); }
    return pairs;
  }

  function fieldAll(entry, name) {
    return entry.fields.filter(function (p) { return p[0] === name; }).map(function (p) { return p[1]; });
  }
  function field(entry, name) {
    var found = fieldAll(entry, name);
    return found.length ? found[0] : null;
  }

  // The words the server put in its refusal (the page's alert box), as plain text.
  function refusal(html, status) {
    var box = /<div[^>]*role="alert"[^>]*>([\s\S]*?)<\/div>/.exec(html || "");
    var text = box ? box[1].replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim() : "";
    text = text.replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
    return text || "The server did not take it (answer " + status + ").";
  }

  function locked(work) {
    if (scope.navigator && scope.navigator.locks) {
      return scope.navigator.locks.request(LOCK, work);
    }
    return work();
  }

  // Send each waiting entry of this runner once, oldest first (a session's sets in the
  // order they were done), stopping at the first that cannot get through. `csrf` is the
  // page's current token (a new login changes it), or null for the worker. Answers with
  // what happened: {sent, refused, waiting, login}.
  function flush(runner, csrf) {
    return locked(function () {
      var report = { sent: 0, refused: 0, waiting: 0, login: false };
      return all().then(function (items) {
        var mine = items.filter(function (e) { return e.state === "waiting" && e.runner === runner; });
        report.waiting = mine.length;
        var chain = Promise.resolve(true);
        mine.forEach(function (entry) {
          chain = chain.then(function (going) { return going && send(entry, csrf, report); });
        });
        return chain.then(function () { return report; });
      });
    });
  }

  function send(entry, csrf, report) {
    var body = new URLSearchParams();
    entry.fields.forEach(function (p) {
      body.append(p[0], p[0] === "csrfmiddlewaretoken" && csrf ? csrf : p[1]);
    });
    var headers = { "X-Backstride-Outbox": "1" };
    if (csrf) { headers["X-CSRFToken"] = csrf; }
    return fetch(entry.url, {
      method: "POST", body: body, headers: headers, credentials: "same-origin"
    }).then(function (answer) {
      var path = new URL(answer.url).pathname;
      if (answer.redirected && path.indexOf("/accounts/login/") === 0) {
        report.login = true;
        return false;
      }
      if (answer.status === 403 || answer.status >= 500) { return false; }
      if (answer.redirected) {
        report.sent += 1;
        report.waiting -= 1;
        return remove(entry.key).then(function () { return true; });
      }
      // Answered with a page instead of moving on: refused, or a question for the runner.
      return answer.text().then(function (html) {
        entry.state = "refused";
        entry.message = refusal(html, answer.status);
        report.refused += 1;
        report.waiting -= 1;
        return put(entry).then(function () { return true; });
      });
    }, function () { return false; });
  }

  scope.BackstrideOutbox = {
    add: add, all: all, remove: remove, flush: flush, fieldsOf: fieldsOf, field: field,
    fieldAll: fieldAll,
    getMeta: getMeta, setMeta: setMeta
  };
})(self);
