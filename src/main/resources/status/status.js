// The status page: polls /status.json and redraws. Every value goes in through textContent, never
// as HTML, so nothing in the model can inject markup.
"use strict";

const POLL_MS = 2000;
let loads = 0;

function el(tag, text, attrs) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  return e;
}

function num(v, digits) {
  if (v === null || v === undefined) return "—";
  return Number(v).toLocaleString("en-US", { maximumFractionDigits: digits === undefined ? 1 : digits });
}

function duration(seconds) {
  if (seconds === null || seconds === undefined) return "unknown";
  if (seconds < 60) return seconds + " s";
  const m = Math.floor(seconds / 60);
  return m < 60 ? m + " min " + (seconds % 60) + " s" : Math.floor(m / 60) + " h " + (m % 60) + " min";
}

function table(id, headers, rows) {
  const t = document.getElementById(id);
  t.replaceChildren();
  const head = el("tr");
  headers.forEach(h => head.appendChild(el("th", h.label, h.num ? { class: "num" } : {})));
  t.appendChild(head);
  if (rows.length === 0) {
    const tr = el("tr");
    tr.appendChild(el("td", "none", { class: "muted", colspan: String(headers.length) }));
    t.appendChild(tr);
  }
  rows.forEach(r => t.appendChild(r));
}

function row(cells, attrs) {
  const tr = el("tr", null, attrs);
  cells.forEach(c => tr.appendChild(c instanceof Node ? c : el("td", c)));
  return tr;
}

function numCell(v, name, digits) {
  return el("td", num(v, digits), { class: "num " + name });
}

function badge(id, text, kind) {
  const b = document.getElementById(id);
  b.textContent = text;
  b.className = "badge " + kind;
}

function work(name, w) {
  const total = w.done + w.remaining;
  const pct = total === 0 ? 100 : Math.floor(100 * w.done / total);
  const line = el("div", null, { class: "work", "data-work": name });
  line.appendChild(el("b", name));
  const bar = el("div", null, { class: "bar" });
  bar.appendChild(el("div", null, { style: "width:" + pct + "%" }));
  line.appendChild(bar);
  const eta = w.remaining === 0 ? "nothing left" : "ETA " + duration(w.eta_seconds);
  line.appendChild(el("span", num(w.done, 0) + " done, " + num(w.remaining, 0) + " remaining, "
      + num(w.rate) + " records/s, " + eta));
  return line;
}

function drawProgress(s) {
  const p = s.progress;
  badge("phase", p.phase.replace("_", " "), p.phase === "caught_up" ? "ok" : p.phase === "stopped" ? "bad" : "warn");
  const box = document.getElementById("progress");
  box.replaceChildren(work("restore", p.restore), work("replay", p.replay),
      el("p", num(p.between_stages, 0) + " records between stages (read from the inputs, crossing the internal topics)", { class: "muted" }));
}

function drawPlacement(c) {
  const headers = [{ label: "instance" }].concat(c.groups.map(g => ({ label: g.stores.join(", ") })));
  const rows = c.instances.map(i => {
    const cells = [el("td", i.endpoint)];
    i.held.forEach(h => {
      const td = el("td", null, { "data-subtopology": String(h.subtopology) });
      h.active.forEach(p => td.appendChild(el("span", p + " ", { class: "active", "data-active": String(p) })));
      h.standby.forEach(p => td.appendChild(el("span", p + " ", { class: "standby", "data-standby": String(p) })));
      cells.push(td);
    });
    return row(cells, { "data-instance": i.endpoint, class: i.self ? "self" : "" });
  });
  table("placement", headers, rows);
  document.getElementById("global").textContent =
      c.global_stores.length ? "On every instance, whole: " + c.global_stores.join(", ") : "";
}

// One row per topic, one column per partition: the flat topic-partition list is long and hard to scan.
function drawLag(s) {
  const byTopic = new Map();
  let width = 0;
  for (const [tp, lag] of Object.entries(s.lag.partitions)) {
    const cut = tp.lastIndexOf("-");
    const topic = tp.substring(0, cut);
    const partition = Number(tp.substring(cut + 1));
    if (!byTopic.has(topic)) byTopic.set(topic, []);
    byTopic.get(topic)[partition] = [tp, lag];
    width = Math.max(width, partition + 1);
  }
  const headers = [{ label: "topic" }];
  for (let p = 0; p < width; p++) headers.push({ label: "p" + p, num: true });
  const rows = [...byTopic.entries()].map(([topic, cells]) => {
    const tds = [el("td", topic)];
    for (let p = 0; p < width; p++) {
      tds.push(cells[p] ? el("td", num(cells[p][1], 0), { class: "num lag", "data-partition": cells[p][0] }) : el("td", ""));
    }
    return row(tds, { "data-topic": topic });
  });
  table("lag", headers, rows);
}

function drawRestoring(c) {
  const rows = c.restoring.map(r => row([el("td", r.store), el("td", r.changelog),
      numCell(r.done, "done", 0), numCell(r.remaining, "remaining", 0)], { "data-changelog": r.changelog }));
  table("restoring", [{ label: "store" }, { label: "changelog partition" }, { label: "done", num: true },
      { label: "remaining", num: true }], rows);
}

function drawTraffic(t) {
  table("received", [{ label: "topic" }, { label: "total", num: true }, { label: "per second", num: true }],
      t.received.map(f => row([el("td", f.topic), numCell(f.total, "total", 0), numCell(f.per_second, "rate")],
          { "data-topic": f.topic })));
  table("dead", [{ label: "topic" }, { label: "reason" }, { label: "total", num: true }, { label: "per second", num: true }],
      t.dead_lettered.map(f => row([el("td", f.topic), el("td", f.reason), numCell(f.total, "total", 0),
          numCell(f.per_second, "rate")], { "data-topic": f.topic, "data-reason": f.reason })));
  table("http", [{ label: "method" }, { label: "route" }, { label: "status" }, { label: "total", num: true },
      { label: "per second", num: true }, { label: "mean ms", num: true }, { label: "p99 ms", num: true }],
      t.http.map(r => row([el("td", r.method), el("td", r.route), el("td", r.status), numCell(r.total, "total", 0),
          numCell(r.per_second, "rate"), numCell(r.mean_ms, "mean", 2), numCell(r.p99_ms, "p99", 2)],
          { "data-route": r.method + " " + r.route + " " + r.status })));
}

function draw(s) {
  document.getElementById("instance").textContent = s.instance;
  badge("state", s.cluster.state, s.cluster.state === "RUNNING" ? "ok" : "warn");
  badge("ready", s.ready ? "ready" : "not ready", s.ready ? "ok" : "bad");
  drawProgress(s);
  drawPlacement(s.cluster);
  drawLag(s);
  drawRestoring(s.cluster);
  drawTraffic(s.traffic);
  loads++;
  document.body.setAttribute("data-loaded", String(loads));
  document.getElementById("updated").textContent = "updated " + new Date().toLocaleTimeString("en-GB");
}

async function poll() {
  try {
    const r = await fetch("/status.json", { cache: "no-store" });
    if (r.ok) draw(await r.json());
    else document.getElementById("updated").textContent = "status.json answered " + r.status;
  } catch (e) {
    document.getElementById("updated").textContent = "unreachable: " + e.message;
  } finally {
    setTimeout(poll, POLL_MS);
  }
}

poll();
