// "Watch it learn" (docs/play/explorer.md): draws the snapshots that hooks/explorer.py took
// with nn11.train at build time. Nothing here computes the network; it only shows numbers.
(function () {
  "use strict";

  const SVG = "http://www.w3.org/2000/svg";

  function make(tag, attrs, parent, text) {
    const svg = ["svg", "g", "line", "circle", "text", "polyline", "title", "path"].includes(tag);
    const node = svg ? document.createElementNS(SVG, tag) : document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }

  const fixed = (v, d = 4) => (Object.is(v, -0) ? 0 : v).toFixed(d);
  const count = (n) => n.toLocaleString("en");
  const meanAbs = (rows) => rows.reduce((s, r) => s + Math.abs(r[0]), 0) / rows.length;

  // A column as numpy prints it by default: up to 8 decimals, trailing zeros dropped
  // evenly, e.g. [[0.00966449]\n [0.00786506]].
  function numpyColumn(rows) {
    const cells = rows.map((r) => r[0].toFixed(8).replace(/0+$/, ""));
    const width = Math.max(...cells.map((c) => c.length));
    return "[" + cells.map((c, i) => (i ? " " : "") + "[" + c.padEnd(width) + "]").join("\n") + "]";
  }

  function radios(parent, legend, name, options, checked, onChange) {
    const set = make("fieldset", { class: "nn11-explorer__choice" }, parent);
    make("legend", {}, set, legend);
    options.forEach(([value, label], i) => {
      const id = `nn11-x-${name}-${i}`;
      const row = make("div", {}, set);
      const input = make("input", { type: "radio", name: `nn11-x-${name}`, id, value }, row);
      if (value === checked) input.checked = true;
      input.addEventListener("change", () => onChange(value));
      make("label", { for: id }, row, label);
    });
  }

  function table(parent, caption, columns, rows) {
    // No class: Material styles plain tables.
    const t = make("table", {}, make("div", { class: "nn11-explorer__table" }, parent));
    make("caption", {}, t, caption);
    const head = make("tr", {}, make("thead", {}, t));
    columns.forEach((c) => make("th", { scope: "col" }, head, c));
    const body = make("tbody", {}, t);
    rows.forEach((r) => {
      const tr = make("tr", {}, body);
      r.forEach((cell, i) => make(i ? "td" : "th", i ? {} : { scope: "row" }, tr, cell));
    });
  }

  function drawNetwork(svg, net, snap, example) {
    svg.replaceChildren();
    const hidden = net.hidden;
    const layers = hidden ? [3, hidden, 1] : [3, 1];
    const width = 480;
    const height = 230;
    const x = (k) => 70 + (k * (width - 160)) / (layers.length - 1);
    const y = (k, i) => (height * (i + 1)) / (layers[k] + 1);
    const values = [net.inputs[example], snap.l1[example]];
    if (hidden) values.push(snap.l2[example]);
    const weights = hidden ? [snap.syn0, snap.syn1] : [snap.syn0];
    const edges = make("g", {}, svg);
    weights.forEach((w, k) => {
      w.forEach((row, i) =>
        row.forEach((v, j) => {
          const line = make("line", {
            x1: x(k), y1: y(k, i), x2: x(k + 1), y2: y(k + 1, j),
            class: v >= 0 ? "nn11-explorer__pos" : "nn11-explorer__neg",
            "stroke-width": Math.min(10, 0.75 + 1.2 * Math.sqrt(Math.abs(v))).toFixed(2),
          }, edges);
          make("title", {}, line, `${k ? "syn1" : "syn0"}[${i}][${j}] = ${fixed(v)}`);
        })
      );
    });
    const names = hidden ? ["l0", "l1", "l2"] : ["l0", "l1"];
    values.forEach((column, k) => {
      make("text", { x: x(k), y: 16, class: "nn11-explorer__head" }, svg, names[k]);
      column.forEach((v, i) => {
        const g = make("g", {}, svg);
        make("circle", { cx: x(k), cy: y(k, i), r: 15, class: "nn11-explorer__node",
          "fill-opacity": Math.max(0.06, Math.min(1, v)).toFixed(3) }, g);
        make("text", { x: x(k) + (k ? 20 : -20), y: y(k, i) + 4,
          class: k ? "nn11-explorer__value" : "nn11-explorer__value nn11-explorer__value--in" },
          g, k ? fixed(v) : String(v));
      });
    });
  }

  function drawCurve(svg, net, iteration, error) {
    svg.replaceChildren();
    const width = 480;
    const height = 180;
    const left = 48;
    const bottom = 150;
    const top = 12;
    const right = width - 12;
    const logEnd = Math.log10(net.iterations);
    const px = (it) => left + ((right - left) * Math.log10(it + 1)) / logEnd;
    const top0 = Math.max(...net.curve, error);
    const py = (e) => bottom - ((bottom - top) * e) / top0;
    const axis = make("g", { class: "nn11-explorer__axis" }, svg);
    make("line", { x1: left, y1: bottom, x2: right, y2: bottom }, axis);
    make("line", { x1: left, y1: top, x2: left, y2: bottom }, axis);
    for (let p = 0; 10 ** p <= net.iterations; p++) {
      const it = p ? 10 ** p : 0;
      make("text", { x: px(it), y: bottom + 16, "text-anchor": "middle" }, axis, count(it));
    }
    [0, top0 / 2, top0].forEach((e) =>
      make("text", { x: left - 6, y: py(e) + 4, "text-anchor": "end" }, axis, e.toFixed(2)));
    make("text", { x: (left + right) / 2, y: height - 4, "text-anchor": "middle" }, axis,
      "iteration (log scale)");
    const points = net.curve.map((e, k) => {
      const it = Math.min(k * net.curve_every, net.iterations - 1);
      return `${px(it).toFixed(1)},${py(e).toFixed(1)}`;
    });
    make("polyline", { points: points.join(" "), class: "nn11-explorer__curve" }, svg);
    make("line", { x1: px(iteration), y1: top, x2: px(iteration), y2: bottom,
      class: "nn11-explorer__marker" }, svg);
    make("circle", { cx: px(iteration), cy: py(error), r: 5, class: "nn11-explorer__dot" }, svg);
  }

  function printed(net, iteration) {
    if (!net.hidden) {
      if (iteration < net.iterations - 1) return "(the listing prints only after its last iteration)";
      return "Output After Training:\n" + numpyColumn(net.snapshots[net.snapshots.length - 1].l1);
    }
    return net.printed
      .filter((_, k) => k * net.printed_every <= iteration)
      .map((e) => "Error:" + String(e))
      .join("\n");
  }

  function init(root) {
    if (root.dataset.ready) return;
    const source = document.getElementById("nn11-explorer-data");
    if (!source) return;
    root.dataset.ready = "1";
    const data = JSON.parse(source.textContent);
    const state = { name: "two-layer", example: 0, stop: 0 };
    root.replaceChildren();

    const controls = make("div", { class: "nn11-explorer__controls" }, root);
    const networkBox = make("div", {}, controls);
    const exampleBox = make("div", {}, controls);
    const scrubBox = make("div", { class: "nn11-explorer__scrub" }, root);
    const label = make("label", { for: "nn11-x-scrub" }, scrubBox, "Iteration");
    const scrub = make("input", { type: "range", id: "nn11-x-scrub", min: 0, step: 1, value: 0 },
      scrubBox);
    const shown = make("output", { for: "nn11-x-scrub", id: "nn11-x-iteration" }, scrubBox);
    label.append(" ");
    const figures = make("div", { class: "nn11-explorer__figures" }, root);
    const netSvg = make("svg", { viewBox: "0 0 480 230", role: "img", class: "nn11-explorer__net",
      id: "nn11-x-network" }, figures);
    const curveSvg = make("svg", { viewBox: "0 0 480 180", role: "img",
      class: "nn11-explorer__plot", id: "nn11-x-curve" }, figures);
    const tables = make("div", { class: "nn11-explorer__tables", id: "nn11-x-tables" }, root);
    make("p", { class: "nn11-explorer__printed-label" }, root, "What the listing has printed by now:");
    const out = make("pre", { class: "nn11-explorer__printed", id: "nn11-x-printed",
      tabindex: "0" }, root);

    function render() {
      const net = data[state.name];
      const snap = net.snapshots[state.stop];
      const iteration = net.stops[state.stop];
      const outName = net.hidden ? "l2" : "l1";
      const errName = outName + "_error";
      const error = meanAbs(snap[errName]);
      const text = `iteration ${count(iteration)} of ${count(net.iterations)}`;
      shown.textContent = text;
      scrub.setAttribute("aria-valuetext", text);
      drawNetwork(netSvg, net, snap, state.example);
      netSvg.setAttribute("aria-label",
        `The network at ${text}, example ${state.example + 1}: output ` +
        `${fixed(snap[outName][state.example][0])}, target ${net.targets[state.example]}.` +
        " Blue lines are positive weights, red negative; thicker is larger.");
      drawCurve(curveSvg, net, iteration, error);
      curveSvg.setAttribute("aria-label",
        `Mean absolute error over the iterations; at ${text} it is ${fixed(error)}.`);
      tables.replaceChildren();
      const rows = net.targets.map((t, i) => {
        const row = [`${i + 1}: ${net.inputs[i].join(" ")}`, String(t), fixed(snap[outName][i][0]),
          fixed(snap[errName][i][0]), fixed(snap[outName + "_delta"][i][0])];
        return row;
      });
      table(tables, `Per example, at iteration ${count(iteration)}`,
        ["example: inputs", "y", outName, errName, outName + "_delta"], rows);
      if (net.hidden) {
        for (const name of ["l1", "l1_error", "l1_delta"]) {
          table(tables, `${name}: one row per example, one column per hidden unit`,
            ["example", ...snap.l1[0].map((_, j) => `unit ${j + 1}`)],
            snap[name].map((r, i) => [String(i + 1), ...r.map((v) => fixed(v))]));
        }
        table(tables, "syn0: from each input to each hidden unit",
          ["input", ...snap.syn0[0].map((_, j) => `unit ${j + 1}`)],
          snap.syn0.map((r, i) => [String(i + 1), ...r.map((v) => fixed(v))]));
        table(tables, "syn1: from each hidden unit to the output", ["unit", "weight"],
          snap.syn1.map((r, i) => [String(i + 1), fixed(r[0])]));
      } else {
        table(tables, "syn0: from each input to the output", ["input", "weight"],
          snap.syn0.map((r, i) => [String(i + 1), fixed(r[0])]));
      }
      out.textContent = printed(net, iteration);
    }

    radios(networkBox, "Network", "net",
      Object.entries(data).map(([k, v]) => [k, v.label]), state.name, (value) => {
        state.name = value;
        state.stop = 0;
        scrub.max = String(data[value].stops.length - 1);
        scrub.value = "0";
        render();
      });
    radios(exampleBox, "Example shown in the drawing", "example",
      data[state.name].inputs.map((r, i) => [String(i), `${i + 1} (${r.join(" ")})`]), "0",
      (value) => {
        state.example = Number(value);
        render();
      });
    scrub.max = String(data[state.name].stops.length - 1);
    scrub.addEventListener("input", () => {
      state.stop = Number(scrub.value);
      render();
    });
    render();
  }

  function start() {
    document.querySelectorAll("[data-nn11-explorer]").forEach(init);
  }

  if (typeof document$ !== "undefined") document$.subscribe(start);
  else document.addEventListener("DOMContentLoaded", start);
})();
