// The Notion connection page (Settings → Connections → Notion). Plain JS, no framework, no CDN.
// It only talks to the connector's admin API (CONTRACT §4) with the admin's JWT as Bearer; it writes
// every server value as text (textContent, never parsed as HTML) and keeps the JWT in memory only.
"use strict";

(function () {
  const API = new URL("../api/v1/connections/notion", window.location.href).pathname;
  const POLL_MS = 5000;
  const TICKET_FIELDS = ["priority", "status", "tags", "category", "assignee", "requester", "number", "url", "createdAt"];
  const STATUS_TARGETS = ["new", "open", "pending", "on_hold", "solved", "closed",
    "action:reopen", "action:escalate", "action:close"];
  const NOT_SHARED = /object_not_found|restricted_resource|not shared|not a data source or database shared|could not find/i;
  const OWNER = /\bowner\b|mirror|edited in (notion|fynedesk)|wrong side/i;
  const $ = (id) => document.getElementById(id);

  let jwt = null;
  let view = null;
  let failures = [];
  let resources = { page: [], data_source: [], complete: false, loaded: false };
  const pickers = {};
  const notices = {}; // transient hints: oauth, notShared (from a save), conflict
  let pollTimer = null;

  // ---- The JWT: #token=<jwt> fragment at load, or postMessage from the embedding FyneDesk page ----

  function takeTokenFromFragment() {
    const params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
    const t = params.get("token");
    if (t) {
      jwt = t;
      // Drop the fragment so the token is not left in the address, history or a copied link.
      window.history.replaceState(null, "", window.location.pathname + window.location.search);
    }
  }

  function tellParent(message) {
    if (window.parent !== window) {
      // No secret in these messages; FyneDesk answers with {type: "fynedesk:notion-token", token}.
      window.parent.postMessage(message, "*");
    }
  }

  // A new JWT (FyneDesk refreshing it, or another admin session) reloads everything.
  function useToken(t) {
    const changed = t !== jwt;
    jwt = t;
    if (changed) resources = { page: [], data_source: [], complete: false, loaded: false };
    load();
  }

  window.addEventListener("message", (e) => {
    if (window.parent === window || e.source !== window.parent) return;
    const d = e.data;
    if (d && d.type === "fynedesk:notion-token" && typeof d.token === "string" && d.token) useToken(d.token);
  });

  // FyneDesk may also hand a fresh JWT by changing the frame's fragment.
  window.addEventListener("hashchange", () => {
    const before = jwt;
    takeTokenFromFragment();
    if (jwt !== before) {
      const t = jwt;
      jwt = before;
      useToken(t);
    }
  });

  // ---- HTTP ----

  class ApiError extends Error {
    constructor(status, problem) {
      super((problem && (problem.detail || problem.title)) || "HTTP " + status);
      this.status = status;
      this.problem = problem || {};
      this.code = this.problem.code || null;
    }
  }

  async function api(method, path, body) {
    if (!jwt) throw new ApiError(401, { code: "unauthorized", detail: "No FyneDesk session was handed to this page." });
    const headers = { Authorization: "Bearer " + jwt, Accept: "application/json, application/problem+json" };
    const init = { method, headers, credentials: "omit", cache: "no-store", redirect: "error" };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const res = await fetch(API + path, init);
    const text = await res.text();
    let json = null;
    if (text) {
      try { json = JSON.parse(text); } catch (ignored) { json = null; }
    }
    if (!res.ok) {
      if (res.status === 401) {
        tellParent({ type: "notion-connector:token-expired" });
      }
      throw new ApiError(res.status, json);
    }
    return json;
  }

  // ---- Small DOM helpers ----

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "text") e.textContent = v;
      else if (k === "dataset") Object.assign(e.dataset, v);
      else if (v !== null && v !== undefined && v !== false) e.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  }

  function show(node, visible) { node.hidden = !visible; }

  function setText(id, value) { $(id).textContent = value === null || value === undefined || value === "" ? "–" : String(value); }

  function when(iso) {
    if (!iso) return "never";
    const d = new Date(iso);
    return isNaN(d) ? iso : d.toLocaleString();
  }

  let bannerTimer = null;

  // Errors stay until the next successful load; confirmations fade after a few seconds.
  function banner(text, kind) {
    const b = $("banner");
    clearTimeout(bannerTimer);
    b.textContent = text || "";
    b.dataset.kind = kind || "info";
    show(b, Boolean(text));
    if (text && kind === "ok") bannerTimer = setTimeout(() => show(b, false), 8000);
  }

  function status(key, text, kind) {
    document.querySelectorAll('[data-status-for="' + key + '"]').forEach((s) => {
      s.textContent = text || "";
      s.dataset.kind = kind || "ok";
    });
  }

  function fieldErrors(section, err) {
    const list = document.querySelector('[data-errors-for="' + section + '"]');
    if (!list) return;
    list.replaceChildren();
    if (!err) return;
    const items = (err.problem && err.problem.errors) || [];
    if (items.length === 0) list.append(el("li", { text: err.message }));
    for (const fe of items) list.append(el("li", { text: fe.field + ": " + fe.message }));
  }

  function get(obj, path) {
    return path.split(".").reduce((o, k) => (o === null || o === undefined ? undefined : o[k]), obj);
  }

  function nested(path, value) {
    const keys = path.split(".");
    const out = {};
    let o = out;
    keys.slice(0, -1).forEach((k) => { o = o[k] = {}; });
    o[keys[keys.length - 1]] = value;
    return out;
  }

  // ---- Load and render ----

  async function load() {
    try {
      view = await api("GET", "");
      if ($("banner").dataset.kind === "error") banner(null);
      failures = view.state === "disconnected" ? [] : (await api("GET", "/failures")).items || [];
      render();
      if (view.state !== "disconnected" && !resources.loaded) loadResources();
    } catch (e) {
      renderLoadError(e);
    } finally {
      $("app").setAttribute("aria-busy", "false");
    }
  }

  function renderLoadError(e) {
    if (e.status === 401 || e.status === 403) {
      // Nothing may be done without a valid admin session: hide what was shown for the last one.
      ["connect-panel", "configured", "health", "hints"].forEach((id) => show($(id), false));
    }
    const st = $("state");
    st.dataset.state = "error";
    if (e.status === 401) {
      st.textContent = "Signed out";
      banner("Your FyneDesk session for this page is missing or expired. Reopen Settings → Connections → Notion in FyneDesk.", "error");
    } else if (e.status === 403) {
      st.textContent = "Not allowed";
      banner(e.code === "pro_plan_required"
        ? "The Notion connection requires the Pro plan."
        : "Only FyneDesk organization admins can manage the Notion connection.", "error");
    } else {
      st.textContent = "Unavailable";
      banner("The connector could not be reached: " + e.message, "error");
    }
  }

  function render(forms) {
    const connected = view.state !== "disconnected";
    const st = $("state");
    st.dataset.state = view.state;
    st.textContent = { connected: "Connected", disconnected: "Not connected", needs_reconnect: "Needs reconnect" }[view.state] || view.state;
    $("workspace").textContent = view.workspace
      ? (view.workspace.name || view.workspace.id) + (view.tokenKind ? " · " + (view.tokenKind === "oauth" ? "OAuth" : "internal token") : "")
      : "";
    $("connect-title").textContent = connected ? "Manage the connection" : "Connect Notion";
    $("oauth-connect").textContent = connected ? "Reconnect" : "Connect";
    $("token-connect").textContent = connected ? "Reconnect with token" : "Connect with token";
    show($("connect-panel"), true);
    show($("connect-intro"), !connected);
    show($("disconnect-area"), connected);
    show($("configured"), connected);
    show($("health"), connected);
    if (connected) {
      renderSettings(view.settings, forms);
      renderHealth(view.health);
    }
    renderHints();
  }

  // Each form is rendered from the server's settings only when the view is (re)loaded or that
  // form was saved, so a toggle or another form's save never throws away what is being typed.
  const FORMS = {
    ticketHandoff(s) {
      const h = s.ticketHandoff || {};
      pickers.handoff.set(h.dataSourceId ? [h.dataSourceId] : []);
      document.querySelectorAll('input[name="handoff-trigger"]').forEach((c) => { c.checked = (h.triggers || []).includes(c.value); });
      $("handoff-tags").value = (h.tags || []).join(", ");
      renderMap("handoff-map", h.propertyMap || {}, TICKET_FIELDS, "text");
    },
    kbSync(s) {
      const kb = s.kbSync || {};
      pickers.kbParent.set(kb.publishParentPageId ? [kb.publishParentPageId] : []);
      pickers.kbImport.set(kb.importSources || []);
      $("kb-owner").value = kb.defaultOwner || "fynedesk";
    },
    aiSource(s) {
      pickers.ai.set((s.aiSource || {}).sources || []);
    },
    statusSync(s) {
      const ss = s.statusSync || {};
      $("status-property").value = ss.property || "";
      renderMap("status-map", ss.map || {}, STATUS_TARGETS, "select");
    },
  };

  function renderSettings(s, forms) {
    document.querySelectorAll("input[data-setting]").forEach((box) => {
      box.checked = Boolean(get(s, box.dataset.setting));
    });
    for (const name of forms || Object.keys(FORMS)) FORMS[name](s);
  }

  // A map editor: rows of key → value. For the property map the key is a ticket field (select) and
  // the value a Notion property name; for the status map the key is a Notion status, the value a target.
  function renderMap(tbodyId, map, choices, choiceSide) {
    const tbody = $(tbodyId);
    tbody.replaceChildren();
    for (const [k, v] of Object.entries(map)) tbody.append(mapRow(choices, choiceSide, k, v));
  }

  function mapRow(choices, choiceSide, key, value) {
    const select = el("select", { class: "map-choice", "aria-label": choiceSide === "text" ? "FyneDesk field" : "Ticket status or action" });
    for (const c of choices) select.append(el("option", { value: c, text: c }));
    const text = el("input", { type: "text", class: "map-text", "aria-label": choiceSide === "text" ? "Notion property" : "Notion status" });
    const remove = el("button", { type: "button", class: "link", text: "Remove" });
    remove.addEventListener("click", () => row.remove());
    let row;
    if (choiceSide === "text") {
      select.value = key || choices[0];
      text.value = value || "";
      row = el("tr", {}, el("td", {}, select), el("td", { class: "arrow", text: "→" }), el("td", {}, text), el("td", {}, remove));
    } else {
      text.value = key || "";
      select.value = value || choices[0];
      row = el("tr", {}, el("td", {}, text), el("td", { class: "arrow", text: "→" }), el("td", {}, select), el("td", {}, remove));
    }
    row.dataset.choiceSide = choiceSide;
    return row;
  }

  function readMap(tbodyId) {
    const out = {};
    $(tbodyId).querySelectorAll("tr").forEach((row) => {
      const choice = row.querySelector(".map-choice").value;
      const text = row.querySelector(".map-text").value.trim();
      if (!text) return;
      if (row.dataset.choiceSide === "text") out[choice] = text;
      else out[text] = choice;
    });
    return out;
  }

  function renderHealth(h) {
    h = h || {};
    setText("health-last-event", when(h.lastEventAt));
    setText("health-last-sync", when(h.lastSyncAt));
    setText("health-subscription", h.subscription);
    setText("health-pending", h.pending);
    setText("health-failures", h.failures);
    setText("health-last-error", h.lastError);
    setText("health-last-warning", h.lastWarning);
    $("health-last-event").title = h.lastEventAt || "";
    $("health-last-sync").title = h.lastSyncAt || "";
    const rows = $("failure-rows");
    rows.replaceChildren();
    for (const f of failures) {
      const retry = el("button", { type: "button", class: "retry", text: "Retry", dataset: { failureId: f.id } });
      retry.addEventListener("click", () => retryFailure(f.id, retry));
      rows.append(el("tr", { dataset: { failureId: f.id } },
        el("td", { text: f.kind }),
        el("td", { text: f.subjectId || "" }),
        el("td", {}, el("code", { text: f.code || "" }), " ", el("span", { text: f.message || "" })),
        el("td", { text: String(f.attempts) }),
        el("td", { text: when(f.lastFailedAt), title: f.lastFailedAt || "" }),
        el("td", {}, retry)));
    }
    show($("failures"), failures.length > 0);
    show($("failures-empty"), failures.length === 0);
  }

  // ---- Troubleshooting hints of the help page, shown when they apply ----

  function hints() {
    const out = [];
    if (!view) return out;
    const s = view.settings || {};
    const h = view.health || {};
    if (view.state === "needs_reconnect") {
      out.push(["needs-reconnect", "FyneDesk needs you to reconnect Notion: the authorization expired or was revoked. " +
        "Click Reconnect (or reconnect with a new token). Waiting work (" + (h.pending || 0) + " pending) resumes once the connection is restored."]);
    }
    if (view.state !== "disconnected") {
      const features = [
        ["Ticket → Notion", get(s, "ticketHandoff.enabled"), Boolean(get(s, "ticketHandoff.dataSourceId"))],
        ["Knowledge base publishing", get(s, "kbSync.publishEnabled"), Boolean(get(s, "kbSync.publishParentPageId"))],
        ["Knowledge base import", get(s, "kbSync.importEnabled"), (get(s, "kbSync.importSources") || []).length > 0],
        ["AI knowledge source", get(s, "aiSource.enabled"), (get(s, "aiSource.sources") || []).length > 0],
      ];
      if (!s.enabled) {
        out.push(["toggle-off", "The connection is off (master toggle), so nothing syncs. Turn it on when databases, sync rules and AI sources are chosen."]);
      }
      for (const [name, on, configured] of features) {
        if (configured && !on) out.push(["toggle-off", name + " is set up but its toggle is off, so it does not run."]);
        if (on && !configured) out.push(["not-configured", name + " is on but has nothing selected yet."]);
      }
      const missing = notShared();
      if (missing.length > 0 || notices.notShared || failures.some((f) => NOT_SHARED.test((f.code || "") + " " + (f.message || ""))) ||
          NOT_SHARED.test(h.lastError || "")) {
        out.push(["not-shared", "A Notion page or database FyneDesk needs is not shared with it" +
          (missing.length ? " (" + missing.join(", ") + ")" : "") +
          ". Reconnect Notion and select that item in Notion's page picker: FyneDesk can only see what was shared during authorization."]);
      }
      if (OWNER.test(h.lastWarning || "") || failures.some((f) => OWNER.test(f.message || ""))) {
        out.push(["owner-mismatch", "An article was edited on its read-only mirror side. Each synced article has one owner: edit it where it is owned, " +
          "or switch its owner; the owner's version is written back over the mirror."]);
      }
    }
    if (notices.conflict) out.push(["workspace-conflict", notices.conflict]);
    if (notices.oauth) out.push(["oauth", notices.oauth]);
    return out;
  }

  // Selected ids that the full list of shared resources does not contain.
  function notShared() {
    if (!resources.complete) return [];
    const known = new Set([...resources.page, ...resources.data_source].map((r) => r.id));
    const s = view.settings || {};
    const chosen = [get(s, "ticketHandoff.dataSourceId"), get(s, "kbSync.publishParentPageId"),
      ...(get(s, "kbSync.importSources") || []), ...(get(s, "aiSource.sources") || [])].filter(Boolean);
    return [...new Set(chosen.filter((id) => !known.has(id)))];
  }

  function renderHints() {
    const list = $("hint-list");
    list.replaceChildren();
    const seen = new Set();
    for (const [kind, text] of hints()) {
      if (seen.has(text)) continue;
      seen.add(text);
      list.append(el("li", { class: "hint", dataset: { hint: kind }, text }));
    }
    show($("hints"), list.children.length > 0);
  }

  // ---- Resource pickers (…/resources) ----

  async function fetchResources(type, query) {
    const out = [];
    let cursor = null;
    let complete = false;
    for (let i = 0; i < 10; i++) {
      const q = new URLSearchParams();
      if (type) q.set("type", type);
      if (query) q.set("query", query);
      if (cursor) q.set("cursor", cursor);
      const page = await api("GET", "/resources?" + q.toString());
      out.push(...(page.results || []));
      cursor = page.nextCursor;
      if (!cursor) { complete = true; break; }
    }
    return { items: out, complete };
  }

  async function loadResources() {
    try {
      const all = await fetchResources(null, null);
      resources = {
        page: all.items.filter((r) => r.type === "page"),
        data_source: all.items.filter((r) => r.type === "data_source"),
        complete: all.complete,
        loaded: true,
      };
      Object.values(pickers).forEach((p) => p.fill(null));
      renderHints();
    } catch (e) {
      Object.values(pickers).forEach((p) => p.failed(e));
    }
  }

  function label(r) {
    return (r.title || "(untitled)") + (r.type === "data_source" ? " · database" : " · page");
  }

  // One picker: a search box and a select (single) or a checkbox list (multiple) of shared items.
  function picker(container) {
    const type = container.dataset.type || null;
    const multiple = container.dataset.multiple === "true";
    const search = el("input", { type: "search", class: "picker-search", placeholder: "Search shared pages and databases", "aria-label": "Search" });
    const list = multiple
      ? el("div", { class: "picker-list", role: "group" })
      : el("select", { class: "picker-select", id: container.dataset.selectId || null });
    const note = el("p", { class: "muted picker-note" });
    container.append(search, list, note);
    let selected = [];
    let found = null;
    let timer = null;

    function items() {
      if (found) return found;
      return type ? resources[type] : [...resources.data_source, ...resources.page];
    }

    function fill() {
      const byId = new Map(items().map((r) => [r.id, r]));
      for (const id of selected) {
        if (!byId.has(id)) {
          const known = [...resources.page, ...resources.data_source].find((r) => r.id === id);
          byId.set(id, known || { id, title: id, type: type || "page", missing: resources.complete && !found });
        }
      }
      const all = [...byId.values()];
      list.replaceChildren();
      if (multiple) {
        for (const r of all) {
          const box = el("input", { type: "checkbox", value: r.id });
          box.checked = selected.includes(r.id);
          box.addEventListener("change", () => {
            selected = box.checked ? [...selected, r.id] : selected.filter((x) => x !== r.id);
          });
          list.append(el("label", { class: r.missing ? "missing" : null, dataset: { resourceId: r.id } }, box, " ",
            r.missing ? r.id + " (not shared)" : label(r)));
        }
      } else {
        list.append(el("option", { value: "", text: "— none —" }));
        for (const r of all) {
          list.append(el("option", { value: r.id, text: r.missing ? r.id + " (not shared)" : label(r) }));
        }
        list.value = selected[0] || "";
      }
      note.textContent = resources.loaded && all.length === 0
        ? "Nothing shared with FyneDesk" + (found ? " matches." : " yet: reconnect and select pages in Notion.")
        : "";
    }

    if (!multiple) list.addEventListener("change", () => { selected = list.value ? [list.value] : []; });
    search.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const q = search.value.trim();
        if (!q) { found = null; fill(); return; }
        try { found = (await fetchResources(type, q)).items; } catch (e) { found = []; }
        fill();
      }, 250);
    });

    return {
      set(ids) { selected = [...ids]; fill(); },
      get() { return multiple ? [...selected] : (selected[0] || null); },
      fill,
      failed(e) { note.textContent = "Could not list what Notion shared: " + e.message; },
    };
  }

  // ---- Actions ----

  async function patch(body, statusKey, section, forms) {
    status(statusKey, "Saving…", "busy");
    fieldErrors(section, null);
    try {
      view = await api("PATCH", "/settings", body);
      notices.notShared = false;
      status(statusKey, "Saved", "ok");
      render(forms);
      return true;
    } catch (e) {
      status(statusKey, e.status === 400 ? "Not saved" : "Not saved: " + e.message, "error");
      fieldErrors(section, e);
      const msgs = ((e.problem && e.problem.errors) || []).map((x) => x.message).join(" ");
      if (NOT_SHARED.test(msgs)) notices.notShared = true;
      if (e.status === 401 || e.status === 403) renderLoadError(e);
      renderHints();
      return false;
    }
  }

  async function toggle(box) {
    const path = box.dataset.setting;
    const ok = await patch(nested(path, box.checked), path, path.split(".")[0], []);
    if (!ok) box.checked = !box.checked;
  }

  function saveHandoff() {
    const tags = $("handoff-tags").value.split(",").map((t) => t.trim()).filter(Boolean);
    const triggers = [...document.querySelectorAll('input[name="handoff-trigger"]:checked')].map((c) => c.value);
    return patch({ ticketHandoff: { dataSourceId: pickers.handoff.get(), triggers, tags, propertyMap: readMap("handoff-map") } },
      "ticketHandoff", "ticketHandoff", ["ticketHandoff"]);
  }

  function saveKb() {
    return patch({ kbSync: { publishParentPageId: pickers.kbParent.get(), importSources: pickers.kbImport.get(), defaultOwner: $("kb-owner").value } },
      "kbSync", "kbSync", ["kbSync"]);
  }

  function saveAi() {
    return patch({ aiSource: { sources: pickers.ai.get() } }, "aiSource", "aiSource", ["aiSource"]);
  }

  function saveStatus() {
    return patch({ statusSync: { property: $("status-property").value.trim(), map: readMap("status-map") } }, "statusSync", "statusSync", ["statusSync"]);
  }

  async function oauthConnect() {
    notices.oauth = null;
    show($("oauth-hint"), false);
    try {
      const r = await api("POST", "/authorize", {});
      if (!r || !r.authorizeUrl) throw new ApiError(500, { detail: "The connector gave no authorization address." });
      // Notion's authorization screen cannot be framed: it takes the whole window; its callback
      // returns the admin to FyneDesk's settings page (fynedesk.settings-url).
      try { window.top.location.assign(r.authorizeUrl); } catch (ignored) { window.location.assign(r.authorizeUrl); }
    } catch (e) {
      let text;
      if (e.code === "oauth_not_configured" || e.status === 404 || e.status === 405) {
        text = "Connecting through Notion's authorization screen is not set up on this connector (oauth_not_configured). " +
          "Use an internal integration token below: create one in Notion, share the pages and databases with it, and paste it here.";
        $("token-details").open = true;
      } else {
        text = "Could not start the Notion authorization: " + e.message;
      }
      $("oauth-hint").textContent = text;
      show($("oauth-hint"), true);
    }
  }

  async function tokenConnect(ev) {
    ev.preventDefault();
    const input = $("token-input");
    const err = $("token-error");
    show(err, false);
    notices.conflict = null;
    const value = input.value.trim();
    if (!value) {
      err.textContent = "Paste the integration token first.";
      show(err, true);
      return;
    }
    $("token-connect").disabled = true;
    try {
      view = await api("PUT", "/token", { token: value });
      input.value = "";
      $("token-details").open = false;
      notices.oauth = null;
      resources.loaded = false;
      banner("Connected to " + ((view.workspace && view.workspace.name) || "Notion") + ".", "ok");
      await load();
    } catch (e) {
      if (e.code === "notion_token_rejected") err.textContent = "Notion refused this token. Check that it is an internal integration token of your workspace.";
      else if (e.code === "conflict") {
        err.textContent = e.message;
        notices.conflict = "That Notion workspace is connected to another FyneDesk organization, or differs from this connection's workspace: " +
          "disconnect first, or connect the workspace this organization owns.";
      } else err.textContent = e.message;
      show(err, true);
      renderHints();
    } finally {
      $("token-connect").disabled = false;
    }
  }

  async function disconnect() {
    try {
      await api("DELETE", "");
      show($("disconnect-confirm"), false);
      resources = { page: [], data_source: [], complete: false, loaded: false };
      banner("Disconnected. Stored Notion tokens and settings were removed; content in FyneDesk and Notion stays.", "ok");
      await load();
    } catch (e) {
      banner("Could not disconnect: " + e.message, "error");
    }
  }

  async function retryFailure(id, button) {
    button.disabled = true;
    button.textContent = "Retrying…";
    try {
      await api("POST", "/failures/" + encodeURIComponent(id) + "/retry");
      banner("Retry started.", "ok");
      await load();
    } catch (e) {
      button.disabled = false;
      button.textContent = "Retry";
      banner("Could not retry: " + e.message, "error");
    }
  }

  function poll() {
    clearTimeout(pollTimer);
    pollTimer = setTimeout(async () => {
      if (document.visibilityState === "visible" && jwt && view && view.state !== "disconnected") await refreshHealth();
      poll();
    }, POLL_MS);
  }

  // Health and failures only: the settings forms keep what the admin is typing.
  async function refreshHealth() {
    try {
      const v = await api("GET", "");
      if (v.state !== view.state || v.enabled !== view.enabled) { await load(); return; }
      view.health = v.health;
      failures = (await api("GET", "/failures")).items || [];
      renderHealth(view.health);
      renderHints();
    } catch (e) {
      if (e.status === 401) renderLoadError(e);
    }
  }

  function outcomeOfOAuthReturn() {
    const q = new URLSearchParams(window.location.search);
    if (q.get("notion") === "connected") banner("Notion is connected.", "ok");
    else if (q.get("notion") === "error") banner("Notion authorization did not complete (" + (q.get("reason") || "unknown") + "). Try Connect again.", "error");
  }

  function wire() {
    pickers.handoff = picker($("handoff-ds-picker"));
    pickers.kbParent = picker($("kb-parent-picker"));
    pickers.kbImport = picker($("kb-import-picker"));
    pickers.ai = picker($("ai-picker"));
    document.querySelectorAll("input[data-setting]").forEach((box) => box.addEventListener("change", () => toggle(box)));
    $("oauth-connect").addEventListener("click", oauthConnect);
    $("token-form").addEventListener("submit", tokenConnect);
    $("disconnect").addEventListener("click", () => show($("disconnect-confirm"), true));
    $("disconnect-no").addEventListener("click", () => show($("disconnect-confirm"), false));
    $("disconnect-yes").addEventListener("click", disconnect);
    $("handoff-save").addEventListener("click", saveHandoff);
    $("kb-save").addEventListener("click", saveKb);
    $("ai-save").addEventListener("click", saveAi);
    $("status-save").addEventListener("click", saveStatus);
    $("handoff-map-add").addEventListener("click", () => $("handoff-map").append(mapRow(TICKET_FIELDS, "text", null, "")));
    $("status-map-add").addEventListener("click", () => $("status-map").append(mapRow(STATUS_TARGETS, "select", "", null)));
    $("refresh").addEventListener("click", () => { resources.loaded = false; load(); });
  }

  document.addEventListener("DOMContentLoaded", () => {
    takeTokenFromFragment();
    wire();
    outcomeOfOAuthReturn();
    if (jwt) load();
    else {
      renderLoadError(new ApiError(401, {}));
      tellParent({ type: "notion-connector:ready" });
    }
    poll();
  });
})();
