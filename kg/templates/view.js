/* kg viz: the page's behaviour. Everything taken from documents (names, descriptions,
   sentences) reaches the screen through textContent or vis-network tooltips of plain
   text (set with innerText) — never as HTML. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var kg = (window.kgView = { data: data, ready: false, stabilized: false, errors: [] });
  window.addEventListener("error", function (event) {
    kg.errors.push(String(event.message || event));
  });

  var lang = "zh";
  var hiddenGroups = {};
  var hiddenStyles = {};
  var hiddenChanges = {};
  // a change view (kg viz diff): key -> {title, color} of each kind of change
  var changeStyles = {};
  (data.changes || []).forEach(function (c) { changeStyles[c.key] = c; });
  var rawNodes = {};
  var rawEdges = {};
  var MAX_TOOLTIP_STATEMENTS = 3;

  data.nodes.forEach(function (n) { rawNodes[n.id] = n; });
  data.edges.forEach(function (e) { rawEdges[e.id] = e; });

  // ------------------------------------------------------------------ text helpers
  function nameOf(item, which) {
    var names = (item && item.names) || {};
    return names[which || lang] || names.zh || "";
  }

  function wrapLabel(text, group) {
    // CJK names have no spaces for vis-network to wrap on: break them every few
    // characters (departments are drawn as cylinders as tall as they are wide: shorter)
    var width = group === "Department" ? 5 : 8;
    if (!text || /\s/.test(text) || text.length <= width + 1) return text;
    var lines = [];
    for (var i = 0; i < text.length; i += width) lines.push(text.slice(i, i + width));
    return lines.join("\n");
  }

  function clip(text, max) {
    text = String(text);
    return text.length > max ? text.slice(0, max - 1) + "…" : text;
  }

  function contextName(id) {
    var c = data.contexts[id];
    if (!c) return id;
    if (lang === "en" && c.name_en) return c.name_en;
    if (lang === "orig" && c.name_original) return c.name_original;
    return c.name || id;
  }

  function valueText(key, value) {
    if ((key === "activities" || key === "contexts") && Array.isArray(value)) {
      var seen = {};
      return value.filter(function (v) { return seen[v] ? false : (seen[v] = true); })
        .map(contextName).join(", ");
    }
    return Array.isArray(value) ? value.join(", ") : String(value);
  }

  function statement(row) {
    // row = [source, page, start, end, sentence] (indexes into data.sources/sentences)
    return {
      source: data.sources[row[0]],
      page: row[1],
      start: row[2],
      end: row[3],
      sentence: row[4] === null || row[4] === undefined ? null : data.sentences[row[4]]
    };
  }

  function where(s) {
    var parts = [s.source];
    if (s.page !== null && s.page !== undefined) parts.push("p. " + s.page);
    if (s.start !== null && s.start !== undefined) parts.push("chars " + s.start + "–" + s.end);
    return parts.join(" · ");
  }

  function provenanceLines(item) {
    var rows = item.prov || [];
    if (!rows.length) return [];
    var lines = ["", "Stated in 出处:"];
    rows.slice(0, MAX_TOOLTIP_STATEMENTS).forEach(function (row) {
      var s = statement(row);
      lines.push("• " + where(s) + (s.sentence ? ": “" + clip(s.sentence, 140) + "”" : ""));
    });
    if (rows.length > MAX_TOOLTIP_STATEMENTS) {
      lines.push("… " + (rows.length - MAX_TOOLTIP_STATEMENTS) + " more (click for all)");
    }
    return lines;
  }

  function propLines(item) {
    var lines = [];
    Object.keys(item.props || {}).forEach(function (key) {
      lines.push(key + ": " + clip(valueText(key, item.props[key]), 160));
    });
    return lines;
  }

  function changeLines(item) {
    if (!item.change) return [];
    var lines = ["Change 变更: " + ((changeStyles[item.change] || {}).title || item.change)];
    Object.keys(item.delta || {}).forEach(function (key) {
      var d = item.delta[key];
      lines.push("  " + key + ": " + clip(d[0] === null ? "∅" : valueText(key, d[0]), 70) +
                 "  →  " + clip(d[1] === null ? "∅" : valueText(key, d[1]), 70));
    });
    return lines;
  }

  function nodeTitle(n) {
    var lines = [nameOf(n, "zh")];
    if (n.names.orig && n.names.orig !== n.names.zh) lines.push("原文: " + n.names.orig);
    if (n.names.en) lines.push("English: " + n.names.en);
    lines.push((data.groupTitles[n.group] || n.group) + "  [" + n.labels.join(", ") + "]");
    return lines.concat(changeLines(n), propLines(n), provenanceLines(n)).join("\n");
  }

  function edgeTitle(e) {
    var lines = [
      nameOf(rawNodes[e.from]) + "  →  " + nameOf(rawNodes[e.to]),
      (data.edgeTitles[e.style] || e.type) + "  [" + e.type + "]"
    ];
    return lines.concat(changeLines(e), propLines(e), provenanceLines(e)).join("\n");
  }

  function edgeLabel(e) {
    if (data.edgeLabels !== "contexts" || e.type !== "REPORTS_TO") return undefined;
    var ids = (e.props && e.props.activities) || [];
    if (!ids.length) return undefined;
    var names = ids.map(contextName);
    var shown = names.slice(0, 2).map(function (t) { return clip(t, 14); }).join("\n");
    return names.length > 2 ? shown + "\n+" + (names.length - 2) + " more" : shown;
  }

  // ------------------------------------------------------------------ vis items
  function nodeHidden(n) { return !!(hiddenGroups[n.group] || (n.change && hiddenChanges[n.change])); }
  function edgeHidden(e) { return !!(hiddenStyles[e.style] || (e.change && hiddenChanges[e.change])); }

  function markChange(item, change, isNode) {
    // the change view: added, removed and changed stand out; unchanged fades
    var style = changeStyles[change];
    if (!style) return;
    item.change = change;
    if (change === "same") {
      item.opacity = 0.45;
      if (!isNode) item.color.opacity = 0.3;
      return;
    }
    if (isNode) {
      // a node's colour replaces its group's: keep the group's background
      var group = ((data.options.groups || {})[item.group] || {}).color || {};
      var bg = group.background || "#ffffff";
      item.color = {
        background: bg, border: style.color,
        highlight: { background: (group.highlight || {}).background || bg, border: style.color },
        hover: { background: bg, border: style.color }
      };
      item.borderWidth = 4;
      if (change === "removed") { item.shapeProperties = { borderDashes: [6, 4] }; item.opacity = 0.7; }
    } else {
      item.color = { color: style.color, highlight: style.color, hover: style.color, inherit: false };
      item.width = item.width + 1.5;
      if (change === "removed") item.dashes = [4, 4];
    }
  }

  function visNode(n) {
    var item = {
      id: n.id,
      label: wrapLabel(nameOf(n), n.group),
      group: n.group,
      shape: n.shape,
      title: nodeTitle(n),
      hidden: nodeHidden(n)
    };
    markChange(item, n.change, true);
    if (n.level !== undefined) item.level = n.level;
    if (n.x !== undefined) { item.x = n.x; item.y = n.y; }
    if (n.focus) {
      item.borderWidth = 3;
      item.font = { size: 17, bold: true };
      item.shadow = { enabled: true, size: 8, x: 0, y: 2, color: "rgba(0,0,0,0.25)" };
    }
    return item;
  }

  function visEdge(e) {
    var style = data.edgeStyles[e.style] || data.edgeStyles.Other;
    var item = {
      id: e.id,
      from: e.from,
      to: e.to,
      arrows: "to",
      width: style.width,
      dashes: style.dashes,
      color: { color: style.color, highlight: style.color, hover: style.color, inherit: false },
      title: edgeTitle(e),
      label: edgeLabel(e),
      hidden: edgeHidden(e)
    };
    markChange(item, e.change, false);
    if (e.bend) item.smooth = { enabled: true, type: "curvedCW", roundness: 0.25 * e.bend };
    return item;
  }

  var nodes = new vis.DataSet(data.nodes.map(visNode));
  var edges = new vis.DataSet(data.edges.map(visEdge));
  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  kg.nodes = nodes;
  kg.edges = edges;
  kg.network = network;

  // ------------------------------------------------------------------ readiness
  var status = document.getElementById("kg-status");
  function markReady() {
    network.once("afterDrawing", function () {
      kg.ready = true;
      kg.readyAt = performance.now();
      document.body.setAttribute("data-ready", "1");
      status.textContent = "";
    });
    network.redraw();
  }
  if (data.layout === "physics") {
    status.textContent = "Laying out…";
    network.on("stabilizationProgress", function (p) {
      status.textContent = "Laying out… " + Math.round((100 * p.iterations) / p.total) + "%";
    });
    network.once("stabilizationIterationsDone", function () {
      // physics off once stable: nodes stay where the analyst drags them
      network.setOptions({ physics: { enabled: false } });
      kg.stabilized = true;
      network.fit();
      markReady();
    });
  } else {
    kg.stabilized = true;
    markReady();
  }

  // ------------------------------------------------------------------ counts, filters
  var counts = document.getElementById("kg-counts");
  function updateCounts() {
    var shownNodes = nodes.get({ filter: function (n) { return !n.hidden; } }).length;
    var shownEdges = edges.get({
      filter: function (e) {
        var a = nodes.get(e.from), b = nodes.get(e.to);
        return !e.hidden && a && b && !a.hidden && !b.hidden;
      }
    }).length;
    var text = data.nodes.length + " nodes · " + data.edges.length + " relationships";
    if (shownNodes !== data.nodes.length || shownEdges !== data.edges.length) {
      text += " (" + shownNodes + " and " + shownEdges + " shown)";
    }
    counts.textContent = text;
    kg.shown = { nodes: shownNodes, edges: shownEdges };
  }

  function applyFilters() {
    nodes.update(data.nodes.map(function (n) { return { id: n.id, hidden: nodeHidden(n) }; }));
    edges.update(data.edges.map(function (e) { return { id: e.id, hidden: edgeHidden(e) }; }));
    updateCounts();
  }

  Array.prototype.forEach.call(document.querySelectorAll("#kg-legend input[type=checkbox]"), function (box) {
    box.addEventListener("change", function () {
      var group = box.getAttribute("data-group");
      var style = box.getAttribute("data-style");
      var change = box.getAttribute("data-change");
      if (group) hiddenGroups[group] = !box.checked;
      if (style) hiddenStyles[style] = !box.checked;
      if (change) hiddenChanges[change] = !box.checked;
      applyFilters();
    });
  });
  kg.setRelationshipVisible = function (style, visible) {
    var box = document.querySelector('#kg-legend input[data-style="' + style + '"]');
    hiddenStyles[style] = !visible;
    if (box) box.checked = visible;
    applyFilters();
  };
  kg.setChangeVisible = function (change, visible) {
    var box = document.querySelector('#kg-legend input[data-change="' + change + '"]');
    hiddenChanges[change] = !visible;
    if (box) box.checked = visible;
    applyFilters();
  };

  // ------------------------------------------------------------------ labels
  var langSelect = document.getElementById("kg-lang");
  function setLanguage(which) {
    lang = which;
    langSelect.value = which;
    nodes.update(data.nodes.map(function (n) { return { id: n.id, label: wrapLabel(nameOf(n), n.group) }; }));
    edges.update(data.edges.map(function (e) { return { id: e.id, label: edgeLabel(e) }; }));
    document.documentElement.setAttribute("lang", which === "en" ? "en" : "zh-Hans");
  }
  langSelect.addEventListener("change", function () { setLanguage(langSelect.value); });
  kg.setLanguage = setLanguage;

  // ------------------------------------------------------------------ details panel
  var details = document.getElementById("kg-details-body");
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function row(table, key, value) {
    var tr = el("tr");
    tr.appendChild(el("th", key));
    tr.appendChild(el("td", value));
    table.appendChild(tr);
  }
  function changeSection(item) {
    // the change view: what kind of change, and each changed value, old → new
    var frag = document.createDocumentFragment();
    if (!item.change) return frag;
    var style = changeStyles[item.change] || {};
    var head = el("p", "Change 变更: " + (style.title || item.change), "kg-change");
    if (style.color) head.style.color = style.color;
    frag.appendChild(head);
    var keys = Object.keys(item.delta || {});
    if (!keys.length) return frag;
    var table = el("table", null, "kg-delta");
    var tr = el("tr");
    ["", "old 旧", "new 新"].forEach(function (t) { tr.appendChild(el("th", t)); });
    table.appendChild(tr);
    keys.forEach(function (key) {
      var d = item.delta[key];
      var r = el("tr");
      r.appendChild(el("th", key));
      r.appendChild(el("td", d[0] === null ? "∅" : valueText(key, d[0]), "kg-old"));
      r.appendChild(el("td", d[1] === null ? "∅" : valueText(key, d[1]), "kg-new"));
      table.appendChild(r);
    });
    frag.appendChild(table);
    return frag;
  }
  function provenanceList(item) {
    var frag = document.createDocumentFragment();
    var rows = item.prov || [];
    frag.appendChild(el("h2", "Stated in · 出处 (" + rows.length + ")"));
    if (!rows.length) {
      frag.appendChild(el("p", "No statement recorded.", "kg-hint"));
      return frag;
    }
    var list = el("ol");
    rows.forEach(function (r) {
      var s = statement(r);
      var li = el("li");
      li.appendChild(el("div", where(s), "kg-where"));
      if (s.sentence) li.appendChild(el("blockquote", s.sentence));
      list.appendChild(li);
    });
    frag.appendChild(list);
    return frag;
  }
  function showNode(id) {
    var n = rawNodes[id];
    if (!n) return;
    details.replaceChildren();
    details.appendChild(el("h3", nameOf(n, "zh")));
    details.appendChild(el("p", (data.groupTitles[n.group] || n.group) + " · " + n.labels.join(", "), "kg-kind"));
    details.appendChild(changeSection(n));
    var table = el("table");
    if (n.names.orig) row(table, "original", n.names.orig);
    if (n.names.en) row(table, "English", n.names.en);
    Object.keys(n.props || {}).forEach(function (k) { row(table, k, valueText(k, n.props[k])); });
    details.appendChild(table);
    details.appendChild(provenanceList(n));
  }
  function showEdge(id) {
    var e = rawEdges[id];
    if (!e) return;
    details.replaceChildren();
    details.appendChild(el("h3", nameOf(rawNodes[e.from], "zh") + " → " + nameOf(rawNodes[e.to], "zh")));
    details.appendChild(el("p", (data.edgeTitles[e.style] || e.type) + " · " + e.type, "kg-kind"));
    details.appendChild(changeSection(e));
    var table = el("table");
    Object.keys(e.props || {}).forEach(function (k) { row(table, k, valueText(k, e.props[k])); });
    details.appendChild(table);
    details.appendChild(provenanceList(e));
  }
  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });
  kg.showNode = showNode;
  kg.showEdge = showEdge;

  // ------------------------------------------------------------------ search
  var names = document.getElementById("kg-names");
  var seen = {};
  data.nodes.slice(0, 5000).forEach(function (n) {
    ["zh", "orig", "en"].forEach(function (k) {
      var v = n.names[k];
      if (v && !seen[v]) {
        seen[v] = true;
        var option = document.createElement("option");
        option.value = v;
        names.appendChild(option);
      }
    });
  });

  function findNode(text) {
    var q = String(text || "").trim().toLowerCase();
    if (!q) return null;
    var i, n, k, v, partial = null;
    for (i = 0; i < data.nodes.length; i++) {
      n = data.nodes[i];
      var keys = [n.names.zh, n.names.orig, n.names.en, n.props && n.props.id];
      for (k = 0; k < keys.length; k++) {
        v = keys[k];
        if (!v) continue;
        v = String(v).toLowerCase();
        if (v === q) return n.id;
        if (partial === null && v.indexOf(q) !== -1) partial = n.id;
      }
    }
    return partial;
  }

  var searchStatus = document.getElementById("kg-search-status");
  function focusNode(text) {
    var id = findNode(text);
    if (id === null) {
      searchStatus.textContent = "no match";
      return null;
    }
    var n = rawNodes[id];
    if (hiddenGroups[n.group]) {
      hiddenGroups[n.group] = false;
      var box = document.querySelector('#kg-legend input[data-group="' + n.group + '"]');
      if (box) box.checked = true;
      applyFilters();
    }
    if (n.change && hiddenChanges[n.change]) kg.setChangeVisible(n.change, true);
    network.selectNodes([id]);
    network.focus(id, { scale: 1.3, animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    showNode(id);
    searchStatus.textContent = "found: " + nameOf(n);
    return id;
  }
  document.getElementById("kg-search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    focusNode(document.getElementById("kg-search").value);
  });
  kg.search = focusNode;

  document.getElementById("kg-fit").addEventListener("click", function () {
    network.fit({ animation: { duration: 300 } });
  });

  updateCounts();
})();
