/* kg explore: the pages other than a node's (home, chains, path, RACI, queries, changes,
   API), each drawn from one endpoint with the helpers explore.js shares as kgExplore.ui.
   As there: text from the graph reaches the screen through textContent only. */
(function () {
  "use strict";

  var kg = window.kgExplore;
  var ui = kg.ui;
  var el = ui.el, clear = ui.clear, text = ui.text, hashFor = ui.hashFor, go = ui.go;
  var pageLink = ui.pageLink, api = ui.api, apiPath = ui.apiPath, ApiError = ui.ApiError;
  var showError = ui.showError, heading = ui.heading, table = ui.table;
  var showGraph = ui.showGraph, hideGraph = ui.hideGraph, done = ui.done;
  var content = document.getElementById("kg-content");

  function home() {
    hideGraph();
    content.appendChild(heading("Explore the organisation"));
    content.appendChild(el("p", { "class": "kg-note", text: "Search a role, activity, department or output above (any script, or English), or start from a business area. Every view is a link you can bookmark or share." }));
    content.appendChild(el("ul", { "class": "kg-list" }, [
      el("li", {}, [el("a", { href: "#/raci", text: "The RACI matrix" }), " — who is responsible, assists, monitors each activity"]),
      el("li", {}, [el("a", { href: "#/chain", text: "Reporting chains" }), " up and down, in all contexts or one activity's; ", el("a", { href: "#/path", text: "paths" }), " between two roles"]),
      el("li", {}, [el("a", { href: "#/queries", text: "Every canned query" }), " as a form, with CSV download"]),
      el("li", {}, [el("a", { href: "#/changes", text: "Load history" }), " and what each run changed"])
    ]));
    content.appendChild(el("h2", { text: "Business areas" }));
    return api(apiPath("/api/query/area-summary", {})).then(function (r) {
      content.appendChild(table(r.columns, r.rows, function (col, v) {
        return col === "area" ? pageLink("area", v, v) : null;
      }));
    });
  }

  function nameInput(id, label, value, help) {
    var input = el("input", { id: id, name: id, value: value || "", list: id + "-names", autocomplete: "off" });
    var list = el("datalist", { id: id + "-names" });
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        if (!input.value.trim()) return;
        api(apiPath("/api/search", { q: input.value, limit: 10 })).then(function (r) {
          clear(list);
          r.results.forEach(function (x) { list.appendChild(el("option", { value: x.id, text: (x.name || "") + (x.name_en ? " · " + x.name_en : "") })); });
        }, function () { /* shown by the banner */ });
      }, 150);
    });
    return [el("label", { "for": id, text: label }), el("span", {}, [input, list]), help ? el("span", { "class": "kg-help", text: help }) : null];
  }
  function formOf(fields, submitLabel, onsubmit, extra) {
    var children = [];
    fields.forEach(function (f) { f.forEach(function (x) { if (x) children.push(x); }); });
    children.push(el("span", {}));
    children.push(el("span", { "class": "kg-submit" }, [el("button", { type: "submit", "class": "kg-primary", text: submitLabel })].concat(extra || [])));
    return el("form", { "class": "kg-form", onsubmit: function (e) { e.preventDefault(); onsubmit(e.target); } }, children);
  }
  function value(form, name) { var f = form.elements[name]; return f ? f.value.trim() : ""; }

  function chainPage(params) {
    content.appendChild(heading("Reporting chain"));
    var role = params.get("role") || "", activity = params.get("activity") || "";
    var dir = params.get("dir") || "up", depth = params.get("depth") || "0";
    var dirSelect = el("select", { id: "dir", name: "dir" }, [el("option", { value: "up", text: "up: superiors" }), el("option", { value: "down", text: "down: subordinates" })]);
    dirSelect.value = dir;
    content.appendChild(formOf([
      nameInput("role", "Role", role, "a role or department: id, name in any script, or English"),
      nameInput("activity", "In activity", activity, "optional: the reporting lines of one activity only"),
      [el("label", { "for": "dir", text: "Direction" }), dirSelect],
      [el("label", { "for": "depth", text: "Depth" }), el("input", { id: "depth", name: "depth", type: "number", min: 0, max: 100, value: depth }), el("span", { "class": "kg-help", text: "levels to show, 0 for all" })]
    ], "Show", function (form) {
      go(["chain"], { role: value(form, "role"), activity: value(form, "activity"), dir: value(form, "dir"), depth: value(form, "depth") });
    }));
    if (!role) { hideGraph(); done(); return Promise.resolve(); }
    return api(apiPath("/api/chain", { role: role, activity: activity, direction: dir, depth: depth })).then(function (r) {
      content.appendChild(el("p", { "class": "kg-note", text: r.rows.length + " reporting lines · query " + r.query }));
      var roleCol = r.columns.indexOf("role");
      content.appendChild(table(r.columns, r.rows, function (col, v) {
        if (col === "role" || col === "superior" || col === "reports_to") return v ? pageLink("node", v, v) : null;
        if (col === "contexts" && Array.isArray(v)) {
          return el("span", {}, v.map(function (c, i) { return el("span", {}, [i ? ", " : "", pageLink("activity", c, c)]); }));
        }
        return null;
      }));
      ui.dropGraph();
      if (r.graph) {
        showGraph(r.graph, kg.meta.chainOptions, apiPath("/api/static/chain", { role: r.params.role, activity: r.params.activity }));
      } else {
        var nodes = {}, edges = [];
        var top = r.params.role;
        nodes[top] = { id: top, group: "Role", names: { zh: top }, props: {}, provenance: [], level: 0, focus: true };
        r.rows.forEach(function (row, i) {
          var name = row[roleCol], boss = row[r.columns.indexOf("reports_to")];
          nodes[name] = nodes[name] || { id: name, group: "Role", names: { zh: name }, props: {}, provenance: [], level: row[0] };
          edges.push({ id: "line" + i, from: name, to: boss === undefined ? top : boss, type: "REPORTS_TO", style: "REPORTS_TO", props: {}, provenance: [] });
        });
        Object.keys(nodes).forEach(function (k) { if (!nodes[k].names.zh) nodes[k].names.zh = k; });
        var ids = {};
        Object.keys(nodes).forEach(function (k) { ids[k] = true; });
        edges.forEach(function (e) { if (!ids[e.to]) { nodes[e.to] = { id: e.to, group: "Role", names: { zh: e.to }, props: {}, provenance: [], level: 0 }; ids[e.to] = true; } });
        showGraph({ nodes: Object.keys(nodes).map(function (k) { return nodes[k]; }), edges: edges }, kg.meta.chainOptions, null);
      }
    });
  }

  function pathPage(params) {
    content.appendChild(heading("Path between two roles"));
    var from = params.get("from") || "", to = params.get("to") || "";
    content.appendChild(formOf([
      nameInput("from", "From", from, "a role or department"),
      nameInput("to", "To", to, "a role or department")
    ], "Find paths", function (form) { go(["path"], { from: value(form, "from"), to: value(form, "to") }); }));
    if (!from || !to) { hideGraph(); done(); return Promise.resolve(); }
    return api(apiPath("/api/path", { from: from, to: to })).then(function (r) {
      content.appendChild(r.rows.length ? table(r.columns, r.rows) : el("p", { "class": "kg-muted", text: "No connection found." }));
      ui.dropGraph();
      showGraph(r.graph, null, apiPath("/api/static/query", { query: "path-between-roles", from_role: r.params.from_role, to_role: r.params.to_role }));
    });
  }

  function raciPage(params) {
    hideGraph();
    var area = params.get("area") || "";
    content.appendChild(heading(area ? "RACI matrix" : "RACI matrix — the whole model"));
    content.appendChild(formOf([nameInput("area", "Business area", area, "empty for the whole model")], "Show",
      function (form) { go(["raci"], { area: value(form, "area") }); }));
    return api(apiPath("/api/raci", { area: area })).then(function (m) {
      var legendText = Object.keys(m.letters).map(function (k) { return m.letters[k] + " " + k; }).join(" · ");
      content.appendChild(el("p", { "class": "kg-note", text: legendText + " — click a cell for the activity" }));
      var MAX_COLS = 200, MAX_ROWS = 1000;
      var parties = m.parties.slice(0, MAX_COLS), rows = m.rows.slice(0, MAX_ROWS);
      if (m.parties.length > MAX_COLS || m.rows.length > MAX_ROWS) {
        content.appendChild(el("p", { "class": "kg-note", text: "Showing " + rows.length + " of " + m.rows.length + " activities and " + parties.length + " of " + m.parties.length + " roles: choose a business area." }));
      }
      var head = el("tr", {}, [el("th", { "class": "kg-corner", scope: "col", text: "activity" })].concat(parties.map(function (p) {
        return el("th", { scope: "col" }, [pageLink(p.kind === "Department" ? "department" : "role", p.id, p.name)]);
      })));
      var body = el("tbody", {}, rows.map(function (r) {
        var label = (r.code ? r.code + " " : "") + (ui.lang() === "en" && r.name_en ? r.name_en : r.name);
        var th = el("th", { scope: "row" }, [pageLink(r.kind === "area" ? "area" : "activity", r.id, label)]);
        th.style.paddingLeft = (0.4 + 1.2 * Math.max(r.depth - 1, 0)) + "em";
        if (r.kind === "area") return el("tr", { "class": "kg-area" }, [th, el("td", { colspan: parties.length })]);
        return el("tr", {}, [th].concat(parties.map(function (p) {
          var letters = r.cells[p.id] || "";
          var td = el("td", { "class": "kg-cell" });
          if (letters) {
            var colour = null;
            m.order.forEach(function () { /* keep the order */ });
            Object.keys(m.colours).forEach(function (l) { if (letters.split("/").indexOf(l) >= 0) colour = m.colours[l]; });
            if (colour) td.style.background = colour;
            td.appendChild(el("a", { href: hashFor(["activity", r.id]), title: p.name + " · " + r.name, text: letters }));
          }
          return td;
        })));
      }));
      content.appendChild(el("div", { "class": "kg-raci-wrap" }, [el("table", { "class": "kg-raci", id: "kg-raci" }, [el("thead", {}, [head]), body])]));
    });
  }

  function queriesPage() {
    hideGraph();
    content.appendChild(heading("Canned queries"));
    content.appendChild(el("p", { "class": "kg-note", text: "The library of `kg query`: each a form generated from its declared parameters." }));
    return api("/api/queries").then(function (r) {
      content.appendChild(el("ul", { "class": "kg-list" }, r.queries.map(function (q) {
        return el("li", {}, [el("a", { href: hashFor(["query", q.name]), text: q.name }), " — ", el("span", { "class": "kg-muted", text: q.description })]);
      })));
    });
  }

  function queryPage(name, params) {
    return api("/api/queries").then(function (r) {
      var q = r.queries.filter(function (x) { return x.name === name; })[0];
      if (!q) throw new ApiError("no canned query " + name, 404);
      content.appendChild(heading("kg query " + q.name));
      content.appendChild(el("p", { "class": "kg-note", text: q.description }));
      var nodeTypes = { role: 1, activity: 1, department: 1, output: 1, party: 1, node: 1 };
      var fields = q.params.map(function (p) {
        var id = p.name, current = params.get(p.name);
        var label = p.name + (p.required ? " *" : "");
        var help = p.help + (p.example ? " — e.g. " + p.example : "") + (p.required ? "" : " (default " + (p.default === null ? "none" : text(p.default)) + ")");
        if (nodeTypes[p.type]) return nameInput(id, label, current, help);
        var input;
        if (p.choices.length || p.type === "bool") {
          var choices = p.type === "bool" ? ["true", "false"] : p.choices;
          input = el("select", { id: id, name: id }, [el("option", { value: "", text: "(default)" })].concat(choices.map(function (c) { return el("option", { value: c, text: c }); })));
          input.value = current || "";
        } else {
          input = el("input", { id: id, name: id, type: p.type === "int" || p.type === "float" ? "number" : "text", value: current || "",
            placeholder: p.default === null || p.default === undefined ? "" : text(p.default), step: p.type === "float" ? "any" : null, required: p.required });
        }
        return [el("label", { "for": id, text: label }), input, el("span", { "class": "kg-help", text: help })];
      });
      var values = {};
      q.params.forEach(function (p) { if (params.get(p.name)) values[p.name] = params.get(p.name); });
      var csv = el("a", { "class": "kg-button", id: "kg-csv", href: apiPath("/api/csv/" + q.name, values), download: q.name + ".csv", text: "Download CSV" });
      content.appendChild(formOf(fields, "Run", function (form) {
        var next = { run: "1" };
        q.params.forEach(function (p) { var v = value(form, p.name); if (v) next[p.name] = v; });
        go(["query", q.name], next);
      }, [csv]));
      var box = el("div", { id: "kg-result" });
      content.appendChild(box);
      var ready = params.get("run") || q.params.every(function (p) { return !p.required; }) && q.params.length === 0;
      if (!ready) { hideGraph(); return; }
      return api(apiPath("/api/query/" + q.name, values)).then(function (res) {
        box.appendChild(el("p", { "class": "kg-note", id: "kg-result-count", text: res.total + " rows" + (res.total > res.rows.length ? " (first " + res.rows.length + " shown; the CSV has them all)" : "") }));
        box.appendChild(table(res.columns, res.rows));
        ui.dropGraph();
        if (res.graph) showGraph(res.graph, null, apiPath("/api/static/query", Object.assign({ query: q.name }, values)));
        else hideGraph();
      }, function (err) { hideGraph(); showError(err, box); });
    });
  }

  function changesPage() {
    hideGraph();
    content.appendChild(heading("Load history"));
    return api("/api/history").then(function (r) {
      if (!r.runs.length) { content.appendChild(el("p", { text: "No loads recorded yet." })); return; }
      var rows = r.runs.map(function (x) {
        return [x.id, x.started_at.slice(0, 19).replace("T", " "), x.source, (x.old_version || "∅") + " → " + (x.new_version || "∅"), x.status,
          "+" + (x.nodes_added || 0) + " −" + (x.nodes_removed || 0) + " ~" + (x.nodes_changed || 0),
          "+" + (x.relationships_added || 0) + " −" + (x.relationships_removed || 0) + " ~" + (x.relationships_changed || 0)];
      });
      content.appendChild(table(["run", "started", "source", "versions", "status", "nodes", "relationships"], rows, function (col, v) {
        return col === "run" ? el("a", { href: hashFor(["run", v]), text: v.slice(0, 8) }) : null;
      }));
    });
  }
  function runPage(id) {
    hideGraph();
    return api("/api/runs/" + encodeURIComponent(id)).then(function (r) {
      content.appendChild(heading("Load run " + r.run.id.slice(0, 8)));
      content.appendChild(el("p", { "class": "kg-note", text: r.run.source + " · " + r.run.started_at + " · " + r.run.status }));
      content.appendChild(r.text ? el("pre", { "class": "kg-report", text: r.text }) : el("p", { text: "This run kept no report of what changed." }));
    });
  }
  function apiPage() {
    hideGraph();
    content.appendChild(heading("The JSON endpoints"));
    content.appendChild(el("p", { "class": "kg-note" }, ["Read-only, GET only; errors are {\"error\": …} with a 4xx status (503: Neo4j cannot be reached). Schema: ",
      el("a", { href: "/api/openapi.json", text: "/api/openapi.json" })]));
    return api("/api/openapi.json").then(function (spec) {
      Object.keys(spec.paths).forEach(function (path) {
        var op = spec.paths[path].get;
        if (!op) return;
        content.appendChild(el("h2", {}, [el("code", { text: "GET " + path })]));
        content.appendChild(el("p", { text: op.summary || "" }));
        var params = (op.parameters || []).map(function (p) { return [p.name, p.in, p.required ? "required" : "optional", (p.schema && (p.schema.type || (p.schema.anyOf || []).map(function (s) { return s.type; }).join("|"))) || ""]; });
        if (params.length) content.appendChild(table(["parameter", "in", "", "type"], params));
      });
    });
  }


  kg.pages = {
    home: home, chain: chainPage, path: pathPage, raci: raciPage, queries: queriesPage,
    query: queryPage, changes: changesPage, run: runPage, api: apiPage
  };
})();
