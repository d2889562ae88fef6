// okg's web page: one view per address (/ui/person/{id}, /ui/event/{id}, /ui/place/{id},
// /ui/agency/{id}, /ui/search?q=), each drawn from the REST API of the same server.
// Plain JavaScript, no build step; cytoscape.js (api/static/vendor, from npm) draws the ego network.
"use strict";

const ROLE_ORDER = ["CHAIRED", "SPOKE_AT", "GUIDED", "INSPECTED", "ACCOMPANIED", "ATTENDED"];
const ROLE_NAMES = {
  CHAIRED: "主持 chaired", SPOKE_AT: "讲话 spoke", GUIDED: "指导 guided", INSPECTED: "检查 inspected",
  ACCOMPANIED: "陪同 accompanied", ATTENDED: "出席 attended",
};
// One look per role, shared by the network's edges and the legend.
const ROLE_STYLE = {
  CHAIRED: { color: "#c0392b", width: 4, style: "solid" },
  SPOKE_AT: { color: "#e67e22", width: 3, style: "solid" },
  GUIDED: { color: "#8e44ad", width: 3, style: "dashed" },
  INSPECTED: { color: "#2471a3", width: 3, style: "dashed" },
  ACCOMPANIED: { color: "#27ae60", width: 2, style: "dotted" },
  ATTENDED: { color: "#95a5a6", width: 1.5, style: "solid" },
};
const EVENT_COLORS = { meeting: "#f5cba7", inspection: "#aed6f1", training: "#d2b4de", visit: "#abebc6", other: "#e5e7e9" };
const KIND_PAGES = { person: "person", event: "event", place: "place", agency: "agency" };

// --- small helpers --------------------------------------------------------------------------------

/** A DOM element: el("a", {href: "/ui/"}, "text", child, ...). Text is never parsed as HTML. */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, val] of Object.entries(attrs || {})) {
    if (val === null || val === undefined || val === false) continue;
    if (key === "style" && typeof val === "object") Object.assign(node.style, val);
    else node.setAttribute(key, val === true ? "" : val);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function link(kind, id, text) {
  return el("a", { href: `/ui/${kind}/${encodeURIComponent(id)}` }, text);
}

async function api(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(body.detail || `${response.status} ${response.statusText}`);
    error.status = response.status;
    throw error;
  }
  return body;
}

function roleBadges(roles) {
  const sorted = [...roles].sort((a, b) => ROLE_ORDER.indexOf(a) - ROLE_ORDER.indexOf(b));
  return el("span", { class: "roles" }, sorted.map((r) => el("span", { class: `role role-${r}`, title: r }, ROLE_NAMES[r] || r)));
}

function dateText(date) {
  if (!date) return "undated";
  return date.startsWith("--") ? `${date.slice(2)} (year unknown)` : date;
}

function section(title, ...content) {
  return el("section", {}, el("h2", {}, title), ...content);
}

function table(headers, rows, attrs) {
  return el("table", attrs || {}, el("thead", {}, el("tr", {}, headers.map((h) => el("th", {}, h)))),
    el("tbody", {}, rows.map((cells) => el("tr", {}, cells.map((c) => el("td", {}, c))))));
}

function empty(text) {
  return el("p", { class: "muted" }, text);
}

// --- the router ------------------------------------------------------------------------------------

const ROUTES = [
  [/^\/ui\/?$/, homeView],
  [/^\/ui\/search$/, searchView],
  [/^\/ui\/person\/([^/]+)$/, personView],
  [/^\/ui\/event\/([^/]+)$/, eventView],
  [/^\/ui\/place\/([^/]+)$/, placeView],
  [/^\/ui\/agency\/([^/]+)$/, agencyView],
];

let drawing = 0; // the latest render: an older one that finishes late draws nothing

async function render() {
  const ticket = ++drawing;
  const view = document.getElementById("view");
  const path = location.pathname;
  const route = ROUTES.find(([pattern]) => pattern.test(path));
  if (window.okg.cy) { window.okg.cy.destroy(); window.okg.cy = null; }
  view.replaceChildren(el("p", { class: "muted" }, "Loading…"));
  document.body.dataset.view = "loading";
  let content, failed = false;
  try {
    if (!route) throw Object.assign(new Error(`no page at ${path}`), { status: 404 });
    const args = path.match(route[0]).slice(1).map(decodeURIComponent);
    content = await route[1](...args);
  } catch (error) {
    failed = true;
    content = el("div", { class: "error" }, el("h1", {}, error.status === 404 ? "Not found" : "Something went wrong"), el("p", {}, error.message));
  }
  if (ticket !== drawing) return;
  view.replaceChildren(content.node || content);
  if (content.after) content.after();
  document.body.dataset.view = failed ? "error" : route[1].name;
}

function navigate(url) {
  history.pushState(null, "", url);
  window.scrollTo(0, 0);
  render();
}

document.addEventListener("click", (event) => {
  const a = event.target.closest("a[href]");
  if (!a || a.hasAttribute("data-external") || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || !url.pathname.startsWith("/ui")) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
});

window.addEventListener("popstate", render);

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("search-form");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const q = document.getElementById("q").value.trim();
    if (q) navigate(`/ui/search?q=${encodeURIComponent(q)}`);
  });
  render();
});

window.okg = { cy: null, render };

// --- views -----------------------------------------------------------------------------------------

async function homeView() {
  const [central, health] = await Promise.all([api("/analytics/centrality?limit=10"), api("/health")]);
  const rows = central.items.map((p) => [link("person", p.id, p.name), p.degree, p.strength, p.pagerank.toFixed(4), p.betweenness.toFixed(4)]);
  return el("div", {},
    el("h1", {}, "Who attended what"),
    el("p", {}, "Officials, the bodies they serve in, the places they visit and the events they take part in, read from local news. ",
      "Search for a person, a body, a place or an event above."),
    el("p", { class: "muted" }, `Store: ${health.store || "?"}.`),
    section("Most central people (co-attendance PageRank)",
      rows.length ? table(["person", "people met", "shared events", "PageRank", "betweenness"], rows) : empty("The graph is empty.")));
}

async function searchView() {
  const q = new URLSearchParams(location.search).get("q") || "";
  document.getElementById("q").value = q;
  if (!q) return el("div", {}, el("h1", {}, "Search"), empty("Type a name above."));
  const [hits, people] = await Promise.all([api(`/search?q=${encodeURIComponent(q)}&limit=100`), api(`/people?q=${encodeURIComponent(q)}&limit=100`)]);
  const titles = Object.fromEntries(people.items.map((p) => [p.id, p.titles.join("、")]));
  const byKind = {};
  for (const hit of hits.items) (byKind[hit.kind] ||= []).push(hit);
  const kinds = [["person", "People"], ["agency", "Bodies"], ["place", "Places"], ["event", "Events"], ["article", "Articles"]];
  const parts = kinds.filter(([kind]) => byKind[kind]).map(([kind, title]) => section(`${title} (${byKind[kind].length})`,
    el("ul", { class: "hits", "data-kind": kind }, byKind[kind].map((hit) => el("li", {},
      KIND_PAGES[kind] ? link(KIND_PAGES[kind], hit.id, hit.name) : el("span", {}, hit.name),
      titles[hit.id] ? el("span", { class: "kind" }, ` ${titles[hit.id]}`) : null)))));
  return el("div", {}, el("h1", {}, `Search: ${q}`), el("p", { class: "muted" }, `${hits.total} ${hits.total === 1 ? "match" : "matches"}`),
    parts.length ? parts : empty("Nothing matches."));
}

async function personView(id) {
  const base = `/people/${encodeURIComponent(id)}`;
  const [person, events, network, inspections, ego] = await Promise.all([
    api(base), api(`${base}/events?limit=500`), api(`${base}/network?limit=50`),
    api(`${base}/inspections`), api(`${base}/ego-network?people=30`),
  ]);
  document.title = `${person.name} · okg`;
  const titles = [...new Set(person.positions.map((p) => `${p.agency || ""}${p.title}`))];
  const eventRows = events.items.map((e) => [dateText(e.date), link("event", e.id, e.name), e.type, roleBadges(e.roles)]);
  const inspectionRows = inspections.map((i) => [dateText(i.date), targetLink(i), i.target_kind, i.event_id ? link("event", i.event_id, "event") : ""]);
  const top = network.items.length ? network.items[0].weight : 1;
  const coRows = network.items.map((c, n) => [n + 1, link("person", c.id, c.name),
    el("span", { class: "weight" }, el("span", { class: "bar", style: { width: `${(100 * c.weight) / top}%` } }), ` ${c.weight}`)]);
  const node = el("div", { class: "person" },
    el("h1", {}, person.name), el("p", { class: "titles" }, titles.join("、") || "no post known"),
    el("p", { class: "counts" }, Object.entries(person.event_counts).map(([r, n]) => el("span", {}, roleBadges([r]), ` ${n}`))),
    section("Posts held", timeline(person.positions)),
    el("div", { class: "two" },
      section(`Co-attendees (${network.total})`, network.total ? table(["#", "person", "shared events"], coRows, { id: "co-attendees" }) : empty("Nobody else.")),
      section("Ego network", egoPanel(ego))),
    section(`Events (${events.total})`, events.total ? table(["date", "event", "type", "roles"], eventRows, { id: "events" }) : empty("No events.")),
    section(`Inspections (${inspections.length})`, inspections.length ? table(["date", "inspected", "kind", ""], inspectionRows, { id: "inspections" }) : empty("No inspections.")));
  return { node, after: () => drawEgo(ego) };
}

function targetLink(inspection) {
  const kind = inspection.target_kind === "agency" ? "agency" : "place";
  return link(kind, inspection.target_id, inspection.target);
}

/** Yearless dates (--03-28) are placed in one nominal year, so that they can be drawn at all. */
function dayOf(date) {
  if (!date) return null;
  const iso = date.startsWith("--") ? `2000${date.slice(1)}` : date;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t / 86400000;
}

function timeline(positions) {
  if (!positions.length) return empty("No post known.");
  const days = positions.flatMap((p) => [dayOf(p.first_seen), dayOf(p.last_seen)]).filter((d) => d !== null);
  const lo = Math.min(...days), hi = Math.max(...days);
  const span = Math.max(hi - lo, 1);
  const rows = positions.map((p) => {
    const first = dayOf(p.first_seen), last = dayOf(p.last_seen) ?? first;
    const left = first === null ? 0 : (100 * (first - lo)) / span;
    const width = first === null ? 0 : Math.max((100 * (last - first)) / span, 1.5);
    const label = el("span", { class: "post" }, p.agency_id ? link("agency", p.agency_id, p.agency) : (p.agency || ""), p.title);
    const bar = el("span", { class: "tenure", style: { left: `${Math.min(left, 98.5)}%`, width: `${width}%` }, title: `${dateText(p.first_seen)} – ${dateText(p.last_seen)}` });
    return el("div", { class: "tl-row" }, label, el("span", { class: "track" }, bar),
      el("span", { class: "seen" }, `${dateText(p.first_seen)} – ${dateText(p.last_seen)}`, ` · ${p.sources.length} sources`));
  });
  return el("div", { class: "timeline", id: "timeline" },
    el("div", { class: "tl-row tl-axis" }, el("span", {}), el("span", { class: "track" },
      el("span", { class: "axis-lo" }, dateText(positions.map((p) => p.first_seen).filter(Boolean).sort()[0])),
      el("span", { class: "axis-hi" }, dateText(positions.map((p) => p.last_seen).filter(Boolean).sort().pop()))), el("span", {})),
    rows);
}

function egoPanel(ego) {
  const legend = el("div", { class: "legend" }, ROLE_ORDER.map((r) => el("span", { class: "legend-item" },
    el("span", { class: "swatch", style: { borderTop: `${ROLE_STYLE[r].width}px ${ROLE_STYLE[r].style} ${ROLE_STYLE[r].color}` } }), ROLE_NAMES[r])));
  const note = el("p", { class: "muted" }, `${ego.people_shown} of ${ego.people_total} people met, ${ego.nodes.filter((n) => n.kind === "event").length} events; click a node to open it.`);
  return el("div", {}, el("div", { id: "ego", class: "ego" }), legend, note);
}

function drawEgo(ego) {
  const container = document.getElementById("ego");
  if (!window.cytoscape) {
    container.replaceChildren(empty("cytoscape.js is not installed: run `make ui`."));
    return;
  }
  const elements = [
    ...ego.nodes.map((n) => ({ data: { id: n.id, label: n.kind === "event" ? `${n.name.slice(0, 14)}${n.name.length > 14 ? "…" : ""}\n${n.date ? dateText(n.date).split(" ")[0] : ""}` : n.name,
      kind: n.kind, ego: n.ego ? 1 : 0, color: n.kind === "event" ? EVENT_COLORS[n.type] || EVENT_COLORS.other : n.ego ? "#c0392b" : "#34495e" } })),
    ...ego.edges.map((e, i) => ({ data: { id: `e${i}`, source: e.source, target: e.target, role: e.role, roles: e.roles.join(" ") } })),
  ];
  const cy = window.cytoscape({
    container, elements, hideEdgesOnViewport: elements.length > 1000, textureOnViewport: elements.length > 1000,
    layout: { name: "preset", positions: egoPositions(ego), fit: true, padding: 24 },
    style: [
      { selector: "node", style: { label: "data(label)", "font-size": 10, "text-wrap": "wrap", "text-valign": "bottom", "text-margin-y": 3, "background-color": "data(color)", width: 18, height: 18,
        "text-background-color": "#fff", "text-background-opacity": 0.75, "text-background-padding": 1, "min-zoomed-font-size": 6 } },
      { selector: 'node[kind = "event"]', style: { shape: "round-rectangle", width: 26, height: 16, "border-width": 1, "border-color": "#7f8c8d" } },
      { selector: "node[ego = 1]", style: { width: 30, height: 30, "font-size": 13, "font-weight": "bold" } },
      { selector: "edge", style: { "curve-style": "haystack", "haystack-radius": 0, opacity: 0.8 } },  // the fastest to draw
      ...ROLE_ORDER.map((r) => ({ selector: `edge[role = "${r}"]`, style: { "line-color": ROLE_STYLE[r].color, width: ROLE_STYLE[r].width, "line-style": ROLE_STYLE[r].style } })),
      { selector: "node:selected", style: { "border-width": 3, "border-color": "#f1c40f" } },
    ],
  });
  cy.on("tap", "node", (event) => {
    const node = event.target;
    navigate(`/ui/${node.data("kind")}/${encodeURIComponent(node.id())}`);
  });
  cy.on("mouseover", "edge", (event) => event.target.style("label", event.target.data("roles")));
  cy.on("mouseout", "edge", (event) => event.target.removeStyle("label"));
  window.okg.cy = cy;
}

/** The ego in the middle, its events on a ring in date order, the people on an outer ring, each
 * near the events they share with the ego (ordered by the mean angle of those events). */
function egoPositions(ego) {
  const events = ego.nodes.filter((n) => n.kind === "event");
  const people = ego.nodes.filter((n) => n.kind === "person" && !n.ego);
  const inner = Math.max(110, events.length * 9), outer = Math.max(inner + 120, 1.5 * inner, people.length * 8);
  const at = (radius, angle) => ({ x: radius * Math.cos(angle), y: radius * Math.sin(angle) });
  const positions = { [ego.person.id]: { x: 0, y: 0 } };
  const angle = {};
  events.forEach((e, i) => { angle[e.id] = (2 * Math.PI * i) / events.length - Math.PI / 2; positions[e.id] = at(inner, angle[e.id]); });
  const sums = {};
  for (const edge of ego.edges) {
    if (edge.source === ego.person.id || angle[edge.target] === undefined) continue;
    const s = (sums[edge.source] ||= { x: 0, y: 0 });
    s.x += Math.cos(angle[edge.target]); s.y += Math.sin(angle[edge.target]);
  }
  const meanAngle = (id) => { const s = sums[id] || { x: 0, y: -1 }; return (Math.atan2(s.y, s.x) + 2.5 * Math.PI) % (2 * Math.PI); };
  const ordered = [...people].sort((a, b) => meanAngle(a.id) - meanAngle(b.id) || (a.id < b.id ? -1 : 1));
  // evenly spaced, the ring turned so that each person sits as near their own angle as can be
  const slot = (i) => (2 * Math.PI * i) / ordered.length;
  const turn = ordered.reduce((s, p, i) => ({ x: s.x + Math.cos(meanAngle(p.id) - slot(i)), y: s.y + Math.sin(meanAngle(p.id) - slot(i)) }), { x: 0, y: 0 });
  const start = Math.atan2(turn.y, turn.x) - Math.PI / 2;
  ordered.forEach((p, i) => { positions[p.id] = at(outer, start + slot(i)); });
  return positions;
}

async function eventView(id) {
  const base = `/events/${encodeURIComponent(id)}`;
  const [event, attendees, article] = await Promise.all([api(base), api(`${base}/attendees?limit=500`), api(`${base}/article`)]);
  document.title = `${event.name} · okg`;
  const roles = Object.keys(event.participants).sort((a, b) => ROLE_ORDER.indexOf(a) - ROLE_ORDER.indexOf(b));
  const byRole = el("dl", { class: "by-role" }, roles.map((r) => [el("dt", {}, roleBadges([r])),
    el("dd", {}, event.participants[r].map((p, i) => [i ? "、" : "", link("person", p.id, p.name)]))]));
  const rows = attendees.items.map((a) => [link("person", a.id, a.name), roleBadges(a.roles)]);
  const inspected = event.inspected.map((i) => [link("person", i.person.id, i.person.name), targetLink(i), i.target_kind, dateText(i.date)]);
  const node = el("div", { class: "event" },
    el("h1", {}, event.name),
    el("p", { class: "facts" }, el("span", { class: `type type-${event.type}` }, event.type), " · ", dateText(event.date), " · ",
      event.venues.length ? event.venues.map((v, i) => [i ? "、" : "", link("place", v.id, v.name)]) : "no place known"),
    section("Participants by role", roles.length ? byRole : empty("Nobody is known.")),
    section(el("span", {}, "Attendees (", el("span", { id: "attendee-count" }, attendees.total), ")"),
      table(["person", "roles"], rows, { id: "attendees" })),
    event.inspected.length ? section(`Inspected (${event.inspected.length})`, table(["by", "target", "kind", "date"], inspected)) : null,
    section("Article", articlePanel(article)));
  return node;
}

const PARAGRAPH_END = /[。！？”」』]$/;

/** The article's text with its evidence spans marked. The text is the input's (OCR line breaks and
 * all, which the offsets point into); a break is shown only where a sentence ends. */
function articlePanel(article) {
  if (!article.article) return empty("The event names no article.");
  const text = article.text;
  const cuts = new Set([0, text.length]);
  for (const s of article.spans) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const body = el("div", { class: "article-text", id: "article-text" });
  let shown = "";
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    let piece = "";
    for (const ch of text.slice(from, to)) {
      if (ch === "\n") { if (PARAGRAPH_END.test(shown) && !shown.endsWith("\n")) { piece += "\n"; shown += "\n"; } continue; }
      piece += ch; shown += ch;
    }
    const covering = article.spans.filter((s) => s.start <= from && to <= s.end);
    if (!covering.length) { body.append(piece); continue; }
    const kind = ["event", "inspection", "participant"].find((k) => covering.some((s) => s.kind === k));
    const labels = [...new Set(covering.map((s) => s.label))].join("\n");
    body.append(el("mark", { class: `hl hl-${kind}`, title: labels, "data-kind": kind }, piece));
  }
  const legend = el("p", { class: "legend" }, el("mark", { class: "hl hl-event" }, "the event"), " ",
    el("mark", { class: "hl hl-participant" }, "a participant's role"), " ", el("mark", { class: "hl hl-inspection" }, "an inspection"),
    el("span", { class: "muted" }, `  ${article.spans.length} evidence spans; hover one for what was read there.`));
  return el("div", {}, el("h3", {}, article.title || article.article), el("p", { class: "muted" }, `${dateText(article.date)} · ${article.source || ""}`), legend, body);
}

async function placeView(id) {
  const place = await api(`/places/${encodeURIComponent(id)}`);
  document.title = `${place.name} · okg`;
  const chain = [place];
  for (let p = place; p.parent && chain.length < 10;) {
    p = await api(`/places/${encodeURIComponent(p.parent.id)}`);
    chain.unshift(p);
  }
  const crumbs = el("nav", { class: "hierarchy", id: "hierarchy" }, chain.map((p, i) => [i ? " › " : "",
    p.id === place.id ? el("strong", {}, p.name) : link("place", p.id, p.name), el("span", { class: "kind" }, ` ${p.kind}`)]));
  const inside = el("ul", { class: "inside" }, place.places_inside.map((p) => el("li", {}, link("place", p.id, p.name), el("span", { class: "kind" }, ` ${p.kind}`))));
  const events = place.events.map((e) => [dateText(e.date), link("event", e.id, e.name), e.type]);
  const inspections = place.inspections.map((i) => [dateText(i.date), link("person", i.person.id, i.person.name), targetLink(i), i.target_kind,
    i.event_id ? link("event", i.event_id, "event") : ""]);
  return el("div", { class: "place" },
    el("h1", {}, place.name, el("span", { class: "kind" }, ` ${place.kind}`)), crumbs,
    section(`Places inside (${place.places_inside.length})`, place.places_inside.length ? inside : empty("None known.")),
    section(`Events held here (${place.events.length})`, events.length ? table(["date", "event", "type"], events) : empty("None known.")),
    section(`Inspected here and inside (${place.inspections.length})`,
      inspections.length ? table(["date", "by", "target", "kind", ""], inspections, { id: "place-inspections" }) : empty("No inspections.")));
}

async function agencyView(id) {
  const agency = await api(`/agencies/${encodeURIComponent(id)}`);
  document.title = `${agency.name} · okg`;
  const rows = agency.positions.map((p) => [p.title, p.holders.map((h, i) => [i ? "、" : "", link("person", h.id, h.name)])]);
  return el("div", { class: "agency" },
    el("h1", {}, agency.name),
    el("p", {}, agency.parent ? ["part of ", link("agency", agency.parent.id, agency.parent.name)] : "",
      agency.place ? [agency.parent ? " · in " : "in ", link("place", agency.place.id, agency.place.name)] : ""),
    agency.parts.length ? section("Parts", el("ul", {}, agency.parts.map((p) => el("li", {}, link("agency", p.id, p.name))))) : null,
    section("Posts and holders", rows.length ? table(["post", "held by"], rows) : empty("No posts known.")));
}
