/* kg explore: the page's behaviour (vanilla JavaScript, no build step).
   Everything taken from the graph (names, descriptions, sentences) reaches the screen
   through textContent, attribute values or vis-network tooltips built as text nodes —
   never as HTML. The state of a view lives in the URL's hash, so a view can be
   bookmarked, shared and opened cold. */
(function () {
  "use strict";

  var kg = (window.kgExplore = { errors: [], meta: null, nodes: null, edges: null, network: null });
  window.addEventListener("error", function (e) { kg.errors.push(String(e.message || e)); });
  window.addEventListener("unhandledrejection", function (e) { kg.errors.push(String(e.reason)); });

  var lang = "zh";
  try { lang = localStorage.getItem("kg-lang") || "zh"; } catch (e) { /* private mode */ }
  var content = document.getElementById("kg-content");
  var banner = document.getElementById("kg-banner");
  var graphPanel = document.getElementById("kg-graph-panel");
  var inspector = document.getElementById("kg-inspector");
  var graphStatus = document.getElementById("kg-graph-status");
  var renderSeq = 0;
  var currentHash = null;
  var saveTarget = null; // the /api/static/... address of what the graph shows
  var focusContent = false;

  // ------------------------------------------------------------------ DOM helpers
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === "text") node.textContent = String(v);
        else if (k === "onclick") node.addEventListener("click", v);
        else if (k === "onsubmit") node.addEventListener("submit", v);
        else node.setAttribute(k, v === true ? "" : String(v));
      });
    }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) return;
      node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    });
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function nameOf(item) {
    var names = (item && item.names) || {};
    return names[lang] || names.zh || (item && item.id) || "";
  }
  function text(value) {
    if (value === null || value === undefined) return "";
    if (Array.isArray(value)) return value.map(text).join(", ");
    if (typeof value === "object") {
      if (value.name) return String(value.name);
      if (value.type && value.start !== undefined) return value.start + " " + value.type + " " + value.end;
      return JSON.stringify(value);
    }
    return String(value);
  }

  // ------------------------------------------------------------------ routes in the hash
  function parseHash() {
    var raw = location.hash.replace(/^#\/?/, "");
    var q = raw.indexOf("?");
    var path = q < 0 ? raw : raw.slice(0, q);
    var params = new URLSearchParams(q < 0 ? "" : raw.slice(q + 1));
    var parts = path.split("/").map(function (p) { return decodeURIComponent(p); });
    return { parts: parts.filter(function (p, i) { return p !== "" || i === 0; }), params: params };
  }
  function hashFor(parts, params) {
    var path = parts.map(function (p) { return encodeURIComponent(p).replace(/%3A/g, ":"); }).join("/");
    var query = params ? new URLSearchParams(params).toString() : "";
    return "#/" + path + (query ? "?" + query : "");
  }
  function go(parts, params) { location.hash = hashFor(parts, params); }
  function pageLink(page, id, label) {
    return el("a", { href: hashFor([page || "node", id]), text: label });
  }
  function done() {
    document.querySelectorAll("button.kg-expand").forEach(function (b) {
      var open = graph && graph.expanded[b.getAttribute("data-id")] !== undefined;
      b.textContent = open ? "⊖" : "⊕";
      b.setAttribute("aria-pressed", open ? "true" : "false");
    });
    document.body.setAttribute("data-view", decodeURIComponent(location.hash.replace(/\+/g, " ")));
    document.body.setAttribute("data-state", "ready");
  }

  // ------------------------------------------------------------------ fetching, connection loss
  var retryTimer = null;
  function api(path) {
    var token = new URLSearchParams(location.search).get("token");
    var headers = token ? { "X-KG-Token": token } : {};
    return fetch(path, { headers: headers, credentials: "same-origin" }).then(
      function (response) {
        return response.json().catch(function () { return { error: "not JSON: HTTP " + response.status }; })
          .then(function (body) {
            if (response.status === 503) { lost(body.error); throw new ApiError(body.error, 503); }
            if (!response.ok) throw new ApiError(body.error || "HTTP " + response.status, response.status);
            back();
            return body;
          });
      },
      function () {
        lost("the explorer's server does not answer");
        throw new ApiError("the graph cannot be reached", 0);
      }
    );
  }
  function ApiError(message, status) { this.message = message; this.status = status; }
  function lost(why) {
    banner.hidden = false;
    banner.textContent = "The graph cannot be reached (" + (why || "no answer") + "). Retrying every 3 s…";
    if (!retryTimer) retryTimer = setInterval(function () {
      api("/api/health").then(function () { render(); }, function () { /* still down */ });
    }, 3000);
  }
  function back() {
    if (retryTimer) { clearInterval(retryTimer); retryTimer = null; }
    banner.hidden = true;
  }
  function showError(err, where) {
    (where || content).appendChild(el("p", { "class": "kg-error", role: "alert", text: err.message || String(err) }));
    done();
  }
  function apiPath(path, params) {
    var query = new URLSearchParams();
    Object.keys(params || {}).forEach(function (k) {
      if (params[k] !== null && params[k] !== undefined && params[k] !== "") query.set(k, params[k]);
    });
    var token = new URLSearchParams(location.search).get("token");
    if (token) query.set("token", token);
    var s = query.toString();
    return path + (s ? "?" + s : "");
  }

  // ------------------------------------------------------------------ the graph
  var graph = null; // {centre, expanded: {id: loaded}, by: {id: {expander: true}}, pinned: {}, more: {id: n}}

  function wrapLabel(label, group) {
    var width = group === "Department" ? 6 : 9;
    if (!label || /\s/.test(label) || label.length <= width + 1) return label;
    var lines = [];
    for (var i = 0; i < label.length; i += width) lines.push(label.slice(i, i + width));
    return lines.join("\n");
  }
  function tooltip(lines) {
    var box = document.createElement("div");
    box.textContent = lines.filter(Boolean).join("\n");
    return box;
  }
  function visNode(n) {
    var style = kg.meta.styles.nodes[n.group] || kg.meta.styles.nodes.Other;
    var item = {
      id: n.id, group: n.group, label: wrapLabel(nameOf(n), n.group),
      title: tooltip([nameOf(n), style.title, n.names.en && lang !== "en" ? n.names.en : null, n.id]),
      raw: n
    };
    if (n.focus) item.borderWidth = 3;
    if (n.level !== undefined) item.level = n.level;
    if (graph && graph.pinned[n.id]) { item.fixed = true; item.shapeProperties = { borderDashes: [4, 3] }; }
    return item;
  }
  function visEdge(e) {
    var style = kg.meta.styles.edges[e.style] || kg.meta.styles.edges.Other;
    return {
      id: e.id, from: e.from, to: e.to, raw: e,
      color: { color: style.color, highlight: style.color, hover: style.color },
      width: style.width, dashes: style.dashes,
      title: tooltip([style.title, (e.provenance[0] || {}).sentence])
    };
  }
  function showGraph(data, options, target) {
    graphPanel.hidden = false;
    inspector.hidden = true;
    saveTarget = target;
    document.getElementById("kg-save").disabled = !target;
    kg.nodes = new vis.DataSet(data.nodes.map(visNode));
    kg.edges = new vis.DataSet(data.edges.map(visEdge));
    if (kg.network) kg.network.destroy();
    kg.network = new vis.Network(document.getElementById("kg-network"),
      { nodes: kg.nodes, edges: kg.edges }, options || kg.meta.options);
    kg.network.on("click", function (params) {
      if (params.nodes.length) inspect(params.nodes[0]); else inspector.hidden = true;
    });
    kg.network.on("doubleClick", function (params) {
      if (params.nodes.length && graph) toggleExpand(params.nodes[0]);
    });
    kg.network.once("stabilized", function () { kg.network.setOptions({ physics: { enabled: false } }); });
    legend();
  }
  function hideGraph() {
    graphPanel.hidden = true;
    if (kg.network) { kg.network.destroy(); kg.network = null; }
    kg.nodes = kg.edges = null;
  }
  function legend() {
    var box = document.getElementById("kg-legend");
    clear(box);
    var groups = {}, styles = {};
    // ("+N more" and its dashed line are no graph values: they are not counted)
    kg.nodes.forEach(function (n) { if (n.raw) groups[n.group] = (groups[n.group] || 0) + 1; });
    kg.edges.forEach(function (e) { if (e.raw) styles[e.raw.style] = (styles[e.raw.style] || 0) + 1; });
    Object.keys(kg.meta.styles.nodes).forEach(function (g) {
      if (!groups[g]) return;
      var s = kg.meta.styles.nodes[g];
      var sw = el("span", { "class": "kg-swatch" });
      sw.style.background = s.background; sw.style.borderColor = s.border;
      box.appendChild(el("span", {}, [sw, s.title + " " + groups[g]]));
    });
    Object.keys(kg.meta.styles.edges).forEach(function (k) {
      if (!styles[k]) return;
      var s = kg.meta.styles.edges[k];
      var line = el("span", { "class": "kg-line" });
      line.style.borderTopColor = s.color;
      line.style.borderTopStyle = s.dashes ? "dashed" : "solid";
      box.appendChild(el("span", {}, [line, s.title + " " + styles[k]]));
    });
    var shown = kg.nodes.get({ filter: function (n) { return !!n.raw; } }).length;
    var lines = kg.edges.get({ filter: function (e) { return !!e.raw; } }).length;
    var count = shown + " nodes · " + lines + " relationships";
    graphStatus.textContent = count;
  }
  function inspect(id) {
    var node = kg.nodes.get(id);
    if (!node) return;
    clear(inspector);
    inspector.hidden = false;
    if (node.more) {
      inspector.appendChild(el("strong", { text: node.label }));
      inspector.appendChild(el("button", { type: "button", "class": "kg-small", text: "Show more",
        onclick: function () { expand(node.more, true); } }));
      return;
    }
    var raw = node.raw || {};
    inspector.appendChild(el("strong", { text: nameOf(raw) || node.id }));
    inspector.appendChild(pageLink(pageOf(raw), node.id, "Open page"));
    if (graph) {
      var open = graph.expanded[node.id] !== undefined;
      inspector.appendChild(el("button", { type: "button", "class": "kg-small", text: open ? "Collapse" : "Expand",
        onclick: function () { toggleExpand(node.id); } }));
      inspector.appendChild(el("button", { type: "button", "class": "kg-small", text: graph.pinned[node.id] ? "Unpin" : "Pin",
        onclick: function () { togglePin(node.id); } }));
    }
  }
  function pageOf(n) {
    return { Role: "role", Department: "department", Activity: "activity", Area: "area", Output: "output" }[n.group] || "node";
  }

  // expand / collapse / pin, kept in the URL: x=id[@loaded],… pin=id,…
  function toggleExpand(id) {
    if (graph.expanded[id] !== undefined && id !== graph.centre) collapse(id); else expand(id, false);
  }
  function expand(id, more) {
    var skip = more ? graph.expanded[id] || 0 : 0;
    if (!more && graph.expanded[id] !== undefined) return Promise.resolve();
    document.body.setAttribute("data-state", "loading");
    return api(apiPath("/api/node", { ref: id, skip: skip })).then(function (page) {
      merge(id, page);
      writeState();
      done();
    }, function (err) { showError(err); });
  }
  function merge(id, page) {
    var added = [];
    var at = kg.network && kg.nodes.get(id) ? kg.network.getPositions([id])[id] : null;
    var fresh = page.graph.nodes.filter(function (n) { return !kg.nodes.get(n.id); });
    var radius = 130 + 6 * fresh.length;
    if (at && id === graph.centre) { // the centre's next page: a ring outside what is drawn
      var all = kg.network.getPositions();
      Object.keys(all).forEach(function (k) {
        radius = Math.max(radius, Math.sqrt(Math.pow(all[k].x - at.x, 2) + Math.pow(all[k].y - at.y, 2)) + 110);
      });
    }
    fresh.forEach(function (n, i) {
      n.focus = false;
      var item = visNode(n);
      if (at) { // start on a ring around the node expanded; physics then settles them
        var angle = (2 * Math.PI * i) / fresh.length;
        item.x = at.x + radius * Math.cos(angle); item.y = at.y + radius * Math.sin(angle);
      }
      kg.nodes.add(item); added.push(n.id);
    });
    page.graph.nodes.forEach(function (n) {
      if (n.id !== id) { graph.by[n.id] = graph.by[n.id] || {}; graph.by[n.id][id] = true; }
    });
    page.graph.edges.forEach(function (e) { if (!kg.edges.get(e.id)) kg.edges.add(visEdge(e)); });
    graph.expanded[id] = (graph.expanded[id] || 0) + page.relationships.length;
    var moreId = "more:" + id;
    if (kg.nodes.get(moreId)) { kg.nodes.remove(moreId); kg.edges.remove("more-edge:" + id); }
    if (page.more > 0) {
      var spot = at ? { x: at.x + radius + 140, y: at.y } : {};
      kg.nodes.add({ id: moreId, label: "+" + page.more + " more", shape: "box", more: id, x: spot.x, y: spot.y,
        color: { background: "#ffffff", border: "#8a8a8a" }, font: { color: "#5f6b7a" },
        shapeProperties: { borderDashes: [3, 3] } });
      kg.edges.add({ id: "more-edge:" + id, from: id, to: moreId, dashes: true, color: { color: "#b0b0b0" }, arrows: { to: { enabled: false } } });
    }
    legend();
    if (added.length && kg.network) { // let the new nodes settle, then hold still again
      kg.network.setOptions({ physics: { enabled: true } });
      kg.network.once("stabilized", function () { kg.network.setOptions({ physics: { enabled: false } }); });
      kg.network.stabilize(200);
    }
    return added;
  }
  function collapse(id) {
    delete graph.expanded[id];
    var removed = true;
    while (removed) { // nodes nobody holds any more go, and what only they held
      removed = false;
      Object.keys(graph.by).forEach(function (n) {
        var holders = graph.by[n];
        Object.keys(holders).forEach(function (h) { if (graph.expanded[h] === undefined) delete holders[h]; });
        if (!Object.keys(holders).length && n !== graph.centre && !graph.pinned[n] && graph.expanded[n] === undefined) {
          if (kg.nodes.get(n)) { kg.nodes.remove(n); removed = true; }
          delete graph.by[n];
        }
      });
    }
    if (kg.nodes.get("more:" + id)) kg.nodes.remove("more:" + id);
    kg.edges.remove(kg.edges.getIds({ filter: function (e) { return !kg.nodes.get(e.from) || !kg.nodes.get(e.to); } }));
    legend();
    inspector.hidden = true;
    writeState();
    done();
  }
  function togglePin(id) {
    if (graph.pinned[id]) delete graph.pinned[id]; else graph.pinned[id] = true;
    var n = kg.nodes.get(id);
    kg.nodes.update({ id: id, fixed: !!graph.pinned[id], shapeProperties: { borderDashes: graph.pinned[id] ? [4, 3] : false } });
    if (n) inspect(id);
    writeState();
    done();
  }
  function writeState() {
    var route = parseHash();
    var params = {};
    route.params.forEach(function (v, k) { if (k !== "x" && k !== "pin") params[k] = v; });
    var x = Object.keys(graph.expanded).filter(function (id) { return id !== graph.centre || graph.expanded[id] > kg.meta.limits.neighbours; })
      .map(function (id) { return graph.expanded[id] > kg.meta.limits.neighbours ? id + "@" + graph.expanded[id] : id; });
    if (x.length) params.x = x.join(",");
    var pins = Object.keys(graph.pinned);
    if (pins.length) params.pin = pins.join(",");
    var hash = hashFor(route.parts, params);
    history.replaceState(null, "", hash);
    currentHash = location.hash;
  }
  function restore(params) { // expand what the URL says, in order
    var wanted = (params.get("x") || "").split(",").filter(Boolean);
    (params.get("pin") || "").split(",").filter(Boolean).forEach(function (id) { graph.pinned[id] = true; });
    return wanted.reduce(function (p, entry) {
      var at = entry.lastIndexOf("@");
      var numbered = at > 0 && /^[0-9]+$/.test(entry.slice(at + 1)); // an id may hold '@' too
      var id = numbered ? entry.slice(0, at) : entry;
      var count = numbered ? parseInt(entry.slice(at + 1), 10) : 1;
      return p.then(function () { return expand(id, false); }).then(function loop() {
        if (graph.expanded[id] !== undefined && graph.expanded[id] < count && kg.nodes.get("more:" + id)) {
          return expand(id, true).then(loop);
        }
      });
    }, Promise.resolve()).then(function () {
      Object.keys(graph.pinned).forEach(function (id) { if (kg.nodes.get(id)) kg.nodes.update({ id: id, fixed: true }); });
    });
  }

  // ------------------------------------------------------------------ pages
  function heading(title, kind, group) {
    var h = el("h1", {}, []);
    if (kind) {
      var style = kg.meta.styles.nodes[group] || kg.meta.styles.nodes.Other;
      var badge = el("span", { "class": "kg-kind", text: kind });
      badge.style.background = style.background; badge.style.borderColor = style.border;
      h.appendChild(badge);
    }
    h.appendChild(el("span", { id: "kg-title", text: title }));
    return h;
  }
  function provenanceList(statements) {
    if (!statements || !statements.length) return el("p", { "class": "kg-muted", text: "No statement recorded." });
    return el("ol", {}, statements.map(function (s) {
      var where = [s.document];
      if (s.page !== null && s.page !== undefined) where.push("p. " + s.page);
      if (s.start !== null && s.start !== undefined) where.push("chars " + s.start + "–" + s.end);
      return el("li", {}, [el("span", { "class": "kg-where", text: where.join(" · ") }),
        s.sentence ? el("blockquote", { text: s.sentence }) : null]);
    }));
  }
  function table(columns, rows, cell) {
    return el("table", { "class": "kg-table" }, [
      el("thead", {}, [el("tr", {}, columns.map(function (c) { return el("th", { scope: "col", text: c }); }))]),
      el("tbody", {}, rows.map(function (row, i) {
        return el("tr", {}, row.map(function (v, j) {
          var custom = cell ? cell(columns[j], v, row, i) : null;
          return el("td", {}, [custom || text(v)]);
        }));
      }))
    ]);
  }

  function nodePage(kind, ref, params) {
    return api(apiPath("/api/node", { ref: ref })).then(function (page) {
      var n = page.node;
      var style = kg.meta.styles.nodes[n.group] || kg.meta.styles.nodes.Other;
      content.appendChild(heading(nameOf(n), style.title, n.group));
      var others = ["zh", "orig", "en"].filter(function (k) { return k !== lang && n.names[k]; })
        .map(function (k) { return n.names[k]; });
      content.appendChild(el("p", { "class": "kg-names" }, [others.join(" · "), " ", el("code", { text: n.id })]));
      var actions = el("div", { "class": "kg-actions" });
      if (n.group === "Role" || n.group === "Department") {
        actions.appendChild(el("a", { "class": "kg-button", id: "kg-chain-up", href: hashFor(["chain"], { role: n.id, dir: "up" }), text: "Reporting chain ↑" }));
        actions.appendChild(el("a", { "class": "kg-button", id: "kg-chain-down", href: hashFor(["chain"], { role: n.id, dir: "down" }), text: "Subordinates ↓" }));
        actions.appendChild(el("a", { "class": "kg-button", href: hashFor(["path"], { from: n.id }), text: "Path from here…" }));
      }
      if (n.group === "Area") actions.appendChild(el("a", { "class": "kg-button", href: hashFor(["raci"], { area: n.id }), text: "RACI of this area" }));
      if (n.group === "Activity" || n.group === "Area") actions.appendChild(el("a", { "class": "kg-button", href: hashFor(["query", "activity-roles"], { activity: n.id }), text: "Who does what here" }));
      content.appendChild(actions);
      var facts = Object.keys(n.props).filter(function (k) { return k !== "id"; });
      if (facts.length) {
        content.appendChild(el("h2", { text: "Facts" }));
        content.appendChild(el("table", { "class": "kg-table kg-facts" }, facts.map(function (k) {
          return el("tr", {}, [el("th", { scope: "row", text: k }), el("td", { text: text(n.props[k]) })]);
        })));
      }
      content.appendChild(el("h2", { text: "Stated in" }));
      content.appendChild(provenanceList(n.provenance));
      content.appendChild(el("h2", { text: "Relationships (" + page.total + ")" }));
      var byId = {};
      page.graph.nodes.forEach(function (x) { byId[x.id] = x; });
      content.appendChild(relationshipsTable(page.relationships, byId));
      if (page.more > 0) content.appendChild(el("p", { "class": "kg-note", text: "+" + page.more + " more: expand the node in the graph (“+N more”) to see them." }));
      if (n.group === "Role" || n.group === "Department") {
        content.appendChild(el("h2", { text: "Changes across load runs" }));
        var box = el("div", { id: "kg-role-changes" });
        content.appendChild(box);
        api(apiPath("/api/query/role-changes", { role: n.id })).then(function (r) {
          box.appendChild(r.rows.length ? table(r.columns, r.rows) : el("p", { "class": "kg-muted", text: "No change recorded." }));
        }, function (err) { showError(err, box); });
      }
      graph = { centre: n.id, expanded: {}, by: {}, pinned: {} };
      page.graph.nodes.forEach(function (x) { if (x.id !== n.id) { graph.by[x.id] = {}; graph.by[x.id][n.id] = true; } });
      graph.expanded[n.id] = page.relationships.length;
      showGraph(page.graph, null, apiPath("/api/static/" + n.page, { ref: n.id }));
      if (page.more > 0) merge(n.id, { graph: { nodes: [], edges: [] }, relationships: [], more: page.more });
      graph.expanded[n.id] = page.relationships.length;
      return restore(params);
    });
  }
  function relationshipsTable(rels, byId) {
    var rows = rels.map(function (r) {
      var other = byId[r.other] || { id: r.other, names: {} };
      var style = kg.meta.styles.edges[r.style] || kg.meta.styles.edges.Other;
      return [r.direction === "out" ? style.title + " →" : "← " + style.title, other, r.props, r];
    });
    var t = table(["relationship", "with", "properties", "stated in"], rows, function (col, v) {
      if (col === "with") {
        return el("span", {}, [pageLink(pageOf(v), v.id, nameOf(v)), " ",
          el("button", { type: "button", "class": "kg-small kg-expand", "data-id": v.id, "aria-label": "Expand or collapse " + nameOf(v) + " in the graph", text: "⊕",
            onclick: function () { toggleExpand(v.id); } })]);
      }
      if (col === "properties") {
        var parts = [];
        Object.keys(v).forEach(function (k) {
          if (k === "activities" || k === "context_sources") return; // contexts say it
          if (k === "contexts" && Array.isArray(v[k])) {
            var links = el("span", {}, ["in: "]);
            v[k].forEach(function (id, i) { links.appendChild(document.createTextNode(i ? ", " : "")); links.appendChild(pageLink("activity", id, id.replace(/^activity:/, ""))); });
            parts.push(links);
          } else parts.push(el("span", { text: k + ": " + text(v[k]) }));
        });
        return el("span", {}, parts.map(function (p, i) { return i ? el("span", {}, ["; ", p]) : p; }));
      }
      if (col === "stated in") {
        var first = v.provenance[0];
        if (!first) return el("span", { "class": "kg-muted", text: "—" });
        return el("details", {}, [el("summary", { title: first.document, text: (first.page !== null && first.page !== undefined ? "p. " + first.page : "stated") + (v.provenance.length > 1 ? " (+" + (v.provenance.length - 1) + ")" : "") }),
          provenanceList(v.provenance)]);
      }
      return null;
    });
    t.classList.add("kg-rels");
    return t;
  }

  // what pages.js uses
  kg.ui = {
    el: el, clear: clear, text: text, hashFor: hashFor, go: go, pageLink: pageLink, api: api,
    apiPath: apiPath, ApiError: ApiError, showError: showError, heading: heading, table: table,
    showGraph: showGraph, hideGraph: hideGraph, done: done,
    lang: function () { return lang; },
    dropGraph: function () { graph = null; }
  };

  // ------------------------------------------------------------------ the router
  function render() {
    var seq = ++renderSeq;
    currentHash = location.hash;
    document.body.setAttribute("data-state", "loading");
    clear(content);
    inspector.hidden = true;
    var route = parseHash();
    var head = route.parts[0] || "";
    document.querySelectorAll(".kg-nav a").forEach(function (a) {
      if (a.getAttribute("href") === "#/" + head) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
    });
    var work;
    if (["role", "activity", "department", "output", "area", "node"].indexOf(head) >= 0 && route.parts[1]) work = nodePage(head, route.parts[1], route.params);
    else if (head === "chain") work = kg.pages.chain(route.params);
    else if (head === "path") work = kg.pages.path(route.params);
    else if (head === "raci") work = kg.pages.raci(route.params);
    else if (head === "queries") work = kg.pages.queries();
    else if (head === "query" && route.parts[1]) work = kg.pages.query(route.parts[1], route.params);
    else if (head === "changes") work = kg.pages.changes();
    else if (head === "run" && route.parts[1]) work = kg.pages.run(route.parts[1]);
    else if (head === "api") work = kg.pages.api();
    else work = kg.pages.home();
    Promise.resolve(work).then(function () {
      if (seq !== renderSeq) return;
      if (focusContent) { focusContent = false; content.focus(); }
      done();
    }, function (err) {
      if (seq !== renderSeq) return;
      hideGraph();
      showError(err);
    });
  }

  // ------------------------------------------------------------------ search box
  function setupSearch() {
    var input = document.getElementById("kg-search");
    var list = document.getElementById("kg-suggestions");
    var items = [], active = -1, timer = null, asked = 0;
    function close() { list.hidden = true; input.setAttribute("aria-expanded", "false"); active = -1; input.removeAttribute("aria-activedescendant"); }
    function choose(i) {
      var x = items[i];
      if (!x) return;
      close();
      focusContent = true; // keyboard users land on the page they chose
      input.value = "";
      var page = { Role: "role", Department: "department", Activity: "activity", Output: "output" }[x.kind] || "node";
      go([page, x.id]);
    }
    function mark(i) {
      active = i;
      Array.prototype.forEach.call(list.children, function (li, j) { li.setAttribute("aria-selected", j === i ? "true" : "false"); });
      if (i >= 0) { input.setAttribute("aria-activedescendant", "kg-suggestion-" + i); list.children[i].scrollIntoView({ block: "nearest" }); }
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value;
      if (!q.trim()) { close(); return; }
      timer = setTimeout(function () {
        var mine = ++asked;
        api(apiPath("/api/search", { q: q })).then(function (r) {
          if (mine !== asked) return;
          items = r.results;
          clear(list);
          items.forEach(function (x, i) {
            var style = kg.meta.styles.nodes[x.kind] || kg.meta.styles.nodes.Other;
            var badge = el("span", { "class": "kg-kind", text: x.kind });
            badge.style.background = style.background; badge.style.borderColor = style.border;
            var li = el("li", { id: "kg-suggestion-" + i, role: "option", "aria-selected": "false" },
              [badge, el("span", { text: x.name || x.id }), el("span", { "class": "kg-muted", text: x.name_en || "" })]);
            li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(i); });
            list.appendChild(li);
          });
          if (!items.length) list.appendChild(el("li", { "class": "kg-more", text: "No match" }));
          else if (r.total > items.length) list.appendChild(el("li", { "class": "kg-more", text: "+" + (r.total - items.length) + " more: type more of the name" }));
          list.hidden = false;
          input.setAttribute("aria-expanded", "true");
          mark(items.length ? 0 : -1);
        }, function () { /* the banner says why */ });
      }, 120);
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" && items.length) { e.preventDefault(); mark(Math.min(active + 1, items.length - 1)); }
      else if (e.key === "ArrowUp" && items.length) { e.preventDefault(); mark(Math.max(active - 1, 0)); }
      else if (e.key === "Enter") { e.preventDefault(); if (!list.hidden && active >= 0) choose(active); }
      else if (e.key === "Escape") close();
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  function start() {
    var select = document.getElementById("kg-lang");
    select.value = lang;
    select.addEventListener("change", function () {
      lang = select.value;
      try { localStorage.setItem("kg-lang", lang); } catch (e) { /* private mode */ }
      render();
    });
    document.getElementById("kg-fit").addEventListener("click", function () { if (kg.network) kg.network.fit(); });
    document.getElementById("kg-save").addEventListener("click", function () {
      if (!saveTarget) return;
      var x = parseHash().params.get("x"); // what is expanded on screen
      location.href = graph && x ? saveTarget + "&" + new URLSearchParams({ x: x }).toString() : saveTarget;
    });
    setupSearch();
    window.addEventListener("hashchange", function () { if (location.hash !== currentHash) render(); });
    api("/api/meta").then(function (meta) { kg.meta = meta; render(); }, function (err) {
      showError(err);
      var wait = setInterval(function () {
        api("/api/meta").then(function (meta) { clearInterval(wait); kg.meta = meta; render(); }, function () { /* still down */ });
      }, 3000);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
