// backstride's service worker, served at /sw.js (web/pwa.py puts CONFIG in front of this
// file: the shell's addresses and a version that changes with any of them).
//  - The app shell (styles, scripts, icons, the offline page) is kept at install.
//  - The runner's pages that matter without signal (today's session, the plan, Today, what
//    to do about a warning sign) are fetched from the network first and kept; offline the
//    last copy is shown, else our offline page. They are dropped when the runner logs out.
//  - A set, check-in or run that cannot be sent goes into the outbox (queue.js) and is sent
//    when the connection is back (the sync event, or the page on `online` and on load).
/* global CONFIG, BackstrideOutbox */
importScripts(CONFIG.outbox);

var SHELL = "backstride-shell-" + CONFIG.version;
var PAGES = "backstride-pages";
var FIGURES = "backstride-figures";

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(SHELL).then(function (cache) {
    // Past the browser's HTTP cache, so a new version never keeps an old file.
    return cache.addAll(CONFIG.shell.map(function (url) {
      return new Request(url, { cache: "reload", credentials: "same-origin" });
    }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("backstride-shell-") === 0 && name !== SHELL;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

function dropPrivate() {
  return Promise.all([
    caches.delete(PAGES),
    BackstrideOutbox.setMeta("runner", null)
  ]);
}

function pageKey(url) { return new URL(url).origin + new URL(url).pathname; }

// The page as the server last showed it, under its address without the query (the session
// after a set is /session/?rest=1), so that a reload with no signal finds it.
function keepPage(answer) {
  var copy = answer.clone();
  return caches.open(PAGES).then(function (cache) { return cache.put(pageKey(answer.url), copy); });
}

// The answer to a set sent with htmx is the whole next page: kept, as a visit would be.
function sent(answer) {
  var landed = new URL(answer.url).pathname;
  if (answer.ok && answer.redirected && CONFIG.pages.indexOf(landed) >= 0) { keepPage(answer); }
  return answer;
}

function navigate(request) {
  var path = new URL(request.url).pathname;
  var keep = CONFIG.pages.indexOf(path) >= 0;
  return fetch(request).then(function (answer) {
    var landed = new URL(answer.url).pathname;
    if (answer.redirected && landed.indexOf(CONFIG.login) === 0) {
      // Logged out (or the session ran out): nothing private stays on the phone.
      return caches.delete(PAGES).then(function () { return answer; });
    }
    if (keep && answer.ok && !answer.redirected) { keepPage(answer); }
    return answer;
  }, function () {
    return caches.open(PAGES).then(function (cache) {
      return cache.match(pageKey(request.url));
    }).then(function (kept) {
      return kept || caches.match(CONFIG.offline, { cacheName: SHELL });
    });
  });
}

// A write that could not be sent: kept in the outbox. An htmx form (the session's sets)
// gets an empty answer the page recognises; a plain form is sent back to its page, which
// shows what waits on the phone.
function keepForLater(request, copy) {
  var path = new URL(request.url).pathname;
  return copy.formData().then(function (form) {
    var fields = [];
    form.forEach(function (value, name) { fields.push([name, String(value)]); });
    var key = (fields.filter(function (p) { return p[0] === "client_key"; })[0] || [])[1];
    if (!key) {
      key = self.crypto.randomUUID();
      fields.push(["client_key", key]);
    }
    return BackstrideOutbox.getMeta("runner").then(function (runner) {
      return BackstrideOutbox.add({ key: key, url: path, fields: fields, runner: runner });
    }).then(function () {
      if (self.registration.sync) {
        self.registration.sync.register("backstride-outbox").catch(function () {});
      }
      if (request.mode === "navigate") {
        return Response.redirect(CONFIG.queue[path], 303);
      }
      return new Response(null, { status: 204, headers: { "X-Backstride-Queued": key } });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (request.method === "POST") {
    if (CONFIG.logout.indexOf(url.pathname) >= 0) {
      event.respondWith(dropPrivate().then(function () { return fetch(request); }));
    } else if (CONFIG.queue[url.pathname]) {
      // The outbox sending: no second copy of what it already holds.
      var resend = request.headers.get("X-Backstride-Outbox");
      var copy = resend ? null : request.clone();
      event.respondWith(fetch(request).then(sent, function (error) {
        if (resend) { throw error; }
        return keepForLater(request, copy);
      }));
    }
    return;
  }
  if (request.method !== "GET") { return; }
  if (request.mode === "navigate" || CONFIG.pages.indexOf(url.pathname) >= 0) {
    event.respondWith(navigate(request));
  } else if (CONFIG.shell.indexOf(url.pathname) >= 0) {
    event.respondWith(caches.match(url.pathname, { cacheName: SHELL }).then(function (kept) {
      return kept || fetch(request);
    }));
  } else if (/^\/exercises\/[\w-]+\/figure\.svg$/.test(url.pathname)) {
    // The last copy at once, refreshed behind it: a figure changes only with the catalog.
    event.respondWith(caches.open(FIGURES).then(function (cache) {
      return cache.match(url.pathname).then(function (kept) {
        var fresh = fetch(request).then(function (answer) {
          if (answer.ok) { cache.put(url.pathname, answer.clone()); }
          return answer;
        }, function () { return kept || Response.error(); });
        return kept || fresh;
      });
    }));
  }
});

self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type === "runner") {
    event.waitUntil(BackstrideOutbox.setMeta("runner", data.runner));
  }
});

// Where the browser offers it, the outbox is sent even with no page open.
self.addEventListener("sync", function (event) {
  if (event.tag !== "backstride-outbox") { return; }
  event.waitUntil(BackstrideOutbox.getMeta("runner").then(function (runner) {
    if (!runner) { return null; }
    return BackstrideOutbox.flush(runner, null).then(told);
  }));
});

// The open pages say what was sent (the page's own send may have failed as the signal came
// back, with the worker sending it just after).
function told(report) {
  if (!report || !report.sent) { return report; }
  return self.clients.matchAll({ type: "window" }).then(function (pages) {
    pages.forEach(function (page) { page.postMessage({ type: "outbox-sent" }); });
    return report;
  });
}
