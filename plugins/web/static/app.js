/* claims serve: keyboard shortcuts and live updates. No inline script anywhere (the CSP forbids it);
   text from the server is only ever set with textContent. */
(function () {
  "use strict";
  var body = document.body;
  var page = body.getAttribute("data-page");

  function typing(e) {
    var t = e.target, tag = t && t.tagName;
    return e.ctrlKey || e.metaKey || e.altKey || tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
  }

  // -- keyboard
  if (page === "queue") {
    var rows = Array.prototype.slice.call(document.querySelectorAll("#queue tbody tr[data-claim-id]"));
    var at = rows.length ? 0 : -1;
    function mark() {
      rows.forEach(function (r, i) { r.classList.toggle("current", i === at); });
      if (at >= 0 && rows[at].scrollIntoView) rows[at].scrollIntoView({block: "nearest"});
    }
    mark();
    document.addEventListener("keydown", function (e) {
      if (typing(e)) return;
      if (e.key === "j" && at < rows.length - 1) { at += 1; mark(); }
      else if (e.key === "k" && at > 0) { at -= 1; mark(); }
      else if (e.key === "Enter" && at >= 0) { rows[at].querySelector("a.claim-link").click(); }
      else if (e.key === "/") { e.preventDefault(); var s = document.querySelector("#filters select"); if (s) s.focus(); }
      else if (e.key === "h") { location.href = "/history"; }
    });
  }
  if (page === "claim") {
    document.addEventListener("keydown", function (e) {
      if (typing(e)) return;
      var select = document.getElementById("status");
      var opt = select && select.querySelector('option[data-key="' + e.key + '"]');
      if (opt) { select.value = opt.value; document.getElementById("save").focus(); e.preventDefault(); return; }
      if (e.key === "n" && select) { select.value = "note"; document.getElementById("note").focus(); e.preventDefault(); }
      else if (e.key === "u") { var u = document.querySelector("#history .undo"); if (u) u.click(); }
      else if (e.key === "q") { location.href = "/"; }
    });
  }

  // -- live updates: poll the decisions recorded since the page was made
  var last = parseInt(body.getAttribute("data-last-id") || "0", 10);
  var every = parseInt(body.getAttribute("data-poll-ms") || "2000", 10);
  if (page !== "queue" && page !== "claim" && page !== "document") return;
  var claimId = body.getAttribute("data-claim-id");
  var flagIds = (body.getAttribute("data-flag-ids") || "").split(" ").filter(Boolean);
  var me = document.getElementById("me");
  var live = document.getElementById("live");

  function text(tag, value, cls) {
    var el = document.createElement(tag);
    el.textContent = value;
    if (cls) el.className = cls;
    return el;
  }
  function describe(d) {
    var what = d.action === "note" ? "note" : d.action === "undo" ? "undo of " + d.reverts + ": " + d.status
      : d.action === "reopen" ? "reopened" : d.status;
    return what;
  }
  function show(d) {
    if (live) {
      live.hidden = false;
      live.textContent = (d.reviewer || "?") + ": " + d.target_id + " " + describe(d);
    }
    if (page === "claim" && (d.target_id === claimId || flagIds.indexOf(d.target_id) >= 0)) {
      if (d.target_kind === "claim") {
        var st = document.getElementById("claim-status");
        st.textContent = d.label;
        st.setAttribute("data-status", d.status);
      } else {
        var li = document.querySelector('li[data-flag-id="' + d.target_id + '"] .flag-status');
        if (li) { li.textContent = d.status; li.setAttribute("data-status", d.status); }
      }
      var hist = document.getElementById("history");
      var none = document.getElementById("no-history");
      if (none) none.remove();
      var item = document.createElement("li");
      item.setAttribute("data-decision-id", String(d.id));
      item.className = "live";
      item.appendChild(text("span", d.decided_at.replace("T", " ").slice(0, 16) + " UTC · "));
      item.appendChild(text("b", d.reviewer || "?"));
      item.appendChild(text("span", " · " + (d.target_kind === "flag" ? "flag " + d.target_id + " " : "")));
      item.appendChild(text("span", describe(d), "entry"));
      if (d.reason) item.appendChild(text("span", " — " + d.reason));
      if (d.note) item.appendChild(text("i", " — " + d.note));
      item.appendChild(text("span", " (reload to undo)", "meta"));
      hist.insertBefore(item, hist.firstChild);
    }
    if ((page === "queue" || page === "document") && d.target_kind === "claim") {
      Array.prototype.forEach.call(document.querySelectorAll('[data-claim-id="' + d.claim_id + '"]'), function (el) {
        var cell = el.querySelector ? el.querySelector(".status") : null;
        if (cell) { cell.textContent = d.label; cell.setAttribute("data-status", d.status); }
        el.classList.add("changed");
      });
    }
  }
  function poll() {
    fetch("/api/changes?after=" + last, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (data) {
          data.decisions.forEach(show);
          last = data.last;
          body.setAttribute("data-last-id", String(last));
        }
      })
      .catch(function () { /* the server is restarting: try again later */ })
      .then(function () { setTimeout(poll, every); });
  }
  setTimeout(poll, every);
  if (me) document.documentElement.setAttribute("data-ready", "1");
})();
