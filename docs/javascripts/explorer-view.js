// "Watch it learn" (docs/play/explorer.md): the controls, the live training and its pictures.
// explorer.js loads this file and explorer-train.js (the trainer) on the explorer's page only.
// Training runs in a worker (explorer-worker.js) when the browser allows one, else in short
// slices here; both use explorer-train.js, so the numbers are the same either way.
/* global NN11Train */
(function () {
  "use strict";

  const T = NN11Train;
  const SVG = "http://www.w3.org/2000/svg";
  const SVG_TAGS = ["svg", "g", "line", "circle", "text", "polyline", "title", "rect"];
  // Weights at every CHECKPOINT-th iteration are kept: any iteration is at most 99 steps away.
  const CHECKPOINT = 100;
  // The follow-up's learning rates, with 2 and 5 in between: the alpha slider's stops.
  const ALPHAS = [];
  for (let p = -3; p <= 3; p++) {
    for (const m of [1, 2, 5]) if (p < 3 || m === 1) ALPHAS.push(Number(`${m}e${p}`));
  }
  // The listings' own settings, and the name of their build-time data (hooks/explorer.py).
  const LISTINGS = [
    { name: "two-layer", net: 1, data: "copy", iterations: 10000, hidden: 0 },
    { name: "three-layer", net: 2, data: "xor", iterations: 60000, hidden: 4 },
  ];
  const DEFAULTS = { net: 1, hidden: 4, alpha: 1, seed: 1, iterations: 10000, data: "copy" };

  function make(tag, attrs, parent, text) {
    const node = SVG_TAGS.includes(tag)
      ? document.createElementNS(SVG, tag)
      : document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }

  const fixed = (v, d = 4) => (Object.is(v, -0) ? 0 : v).toFixed(d);
  const count = (n) => n.toLocaleString("en");
  const alphaText = (a) => String(a);

  // ---- What Python prints ---------------------------------------------------------------

  // repr(float) in Python 3: the shortest digits that identify the float; exponent form below
  // 1e-4 and from 1e16 up, as 1e-05.
  function pyFloat(x) {
    if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
    const [mant, exp] = x.toExponential().split("e");
    const e = Number(exp);
    if (e < -4 || e >= 16) {
      return `${mant}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
    }
    const digits = mant.replace(".", "").replace("-", "");
    const sign = x < 0 ? "-" : "";
    if (e >= digits.length - 1) return sign + digits + "0".repeat(e - digits.length + 1) + ".0";
    if (e >= 0) return sign + digits.slice(0, e + 1) + "." + digits.slice(e + 1);
    return sign + "0." + "0".repeat(-e - 1) + digits;
  }

  // print() of a column of numbers in [0, 1] as numpy formats it (8 digits at most, padded).
  function numpyColumn(values) {
    const nonzero = values.filter((v) => v !== 0);
    const low = nonzero.length ? Math.min(...nonzero) : 0;
    const high = nonzero.length ? Math.max(...nonzero) : 0;
    let cells;
    if (nonzero.length && (high >= 1e8 || low < 1e-4 || high / low > 1000)) {
      const digits = values.map((v) => {
        const s = v.toExponential(Math.min(8, Math.max(0, v.toExponential().split("e")[0].length - 2)));
        return s.split("e")[0].replace(/\.?0+$/, "").split(".")[1] || "";
      });
      const frac = Math.max(...digits.map((d) => d.length));
      const parts = values.map((v) => v.toExponential(frac).split("e"));
      const width = Math.max(2, ...parts.map(([, e]) => e.replace(/^[-+]/, "").length));
      cells = parts.map(([m, e]) => {
        const sign = e.startsWith("-") ? "-" : "+";
        return (m.includes(".") ? m : m + ".") + "e" + sign + e.replace(/^[-+]/, "").padStart(width, "0");
      });
    } else {
      cells = values.map((v) => v.toFixed(8).replace(/0+$/, ""));
    }
    const width = Math.max(...cells.map((c) => c.length));
    return "[" + cells.map((c, i) => (i ? " " : "") + "[" + c.padEnd(width) + "]").join("\n") + "]";
  }

  // ---- Settings in the URL ----------------------------------------------------------------

  function fromQuery(search) {
    const params = new URLSearchParams(search);
    const settings = { ...DEFAULTS };
    const problems = [];
    const asked = params.get("net");
    if (asked === "2") Object.assign(settings, { net: 2, data: "xor", iterations: 60000 });
    else if (asked !== null && asked !== "1") problems.push(`net must be 1 or 2, got ${asked}`);
    for (const name of ["hidden", "alpha", "seed", "iterations"]) {
      const raw = params.get(name);
      if (raw === null) continue;
      const trial = { ...settings, net: 2, [name]: Number(raw) };
      try {
        T.check(trial);
        settings[name] = Number(raw);
      } catch (e) {
        problems.push(e.message.replace(/, got .*/, `, got ${raw}`));
      }
    }
    const data = params.get("data");
    if (data !== null) {
      if (data in T.DATASETS) settings.data = data;
      else problems.push(`data must be one of ${Object.keys(T.DATASETS).join(", ")}, got ${data}`);
    }
    return { settings, problems };
  }

  function toQuery(s) {
    const params = new URLSearchParams({ net: s.net });
    if (s.net === 2) params.set("hidden", s.hidden);
    params.set("alpha", s.alpha);
    params.set("seed", s.seed);
    params.set("iterations", s.iterations);
    params.set("data", s.data);
    return "?" + params.toString();
  }

  function listingOf(s) {
    return LISTINGS.find((l) => l.net === s.net && l.data === s.data &&
      l.iterations === s.iterations && (s.net === 1 || l.hidden === s.hidden) &&
      s.alpha === 1 && s.seed === 1);
  }

  // ---- One training run: what has been computed so far --------------------------------------

  class Run {
    constructor(settings) {
      this.settings = T.check(settings);
      this.trainer = new T.Trainer(this.settings);
      this.total = this.settings.iterations;
      this.errors = new Float64Array(this.total);
      this.front = T.start(this.settings); // the weights before iteration `done`
      this.checkpoints = [T.copyWeights(this.front)];
      this.done = 0; // iterations 0 .. done - 1 are computed
      this.began = performance.now();
      this.seconds = null;
    }

    absorb(msg) {
      if (msg.from !== this.done) return; // a slice that no longer follows on
      this.errors.set(msg.errors, msg.from);
      for (const [j, w] of msg.checkpoints) this.checkpoints[j / CHECKPOINT] = w;
      this.front = msg.front;
      this.done = msg.to;
    }

    stepOne() {
      if (this.done >= this.total) return;
      const cps = [];
      T.advance(this.trainer, this.front, this.done, this.done + 1, CHECKPOINT, this.errors, cps);
      for (const [j, w] of cps) this.checkpoints[j / CHECKPOINT] = w;
      this.done += 1;
    }

    // The weights before iteration j (j <= done), from the closest checkpoint.
    weightsAt(j) {
      const k = Math.min(Math.floor(j / CHECKPOINT), this.checkpoints.length - 1);
      const w = T.copyWeights(this.checkpoints[k]);
      this.trainer.run(w, k * CHECKPOINT, j, null);
      return w;
    }

    moments(j) {
      return this.trainer.moments(this.weightsAt(j));
    }
  }

  // ---- Where training runs: a worker, or slices of this page's time -------------------------

  function Driver(base, onSlice) {
    this.gen = 0;
    this.onSlice = onSlice;
    this.worker = null;
    try {
      this.worker = new Worker(new URL("explorer-worker.js", base));
      this.worker.onmessage = (e) => {
        if (e.data.gen === this.gen) this.onSlice(e.data);
      };
      this.worker.onerror = (e) => {
        e.preventDefault();
        this.worker = null; // fall back to the page's own time from the next run
        this.onSlice(null);
      };
    } catch (e) {
      this.worker = null;
    }
  }

  Driver.prototype.start = function (run) {
    this.stop();
    const job = {
      gen: this.gen, settings: run.settings, from: run.done, until: run.total,
      every: CHECKPOINT, front: T.copyWeights(run.front),
    };
    if (this.worker) {
      this.worker.postMessage(job);
      return;
    }
    const trainer = new T.Trainer(run.settings);
    const w = job.front;
    let from = job.from;
    const errors = new Float64Array(job.until);
    const slice = () => {
      if (job.gen !== this.gen) return;
      const began = performance.now();
      const checkpoints = [];
      let to = from;
      while (to < job.until && performance.now() - began < 8) {
        const stop = Math.min(job.until, to + CHECKPOINT);
        T.advance(trainer, w, to, stop, CHECKPOINT, errors, checkpoints);
        to = stop;
      }
      const msg = { gen: job.gen, from, to, errors: errors.slice(from, to), checkpoints,
        front: T.copyWeights(w) };
      from = to;
      if (to < job.until) setTimeout(slice, 0);
      this.onSlice(msg);
    };
    setTimeout(slice, 0);
  };

  Driver.prototype.stop = function () {
    this.gen += 1;
    if (this.worker) this.worker.postMessage({ stop: true });
  };

  // ---- Pictures -----------------------------------------------------------------------------

  const css = (root, name) => getComputedStyle(root).getPropertyValue(name).trim();

  function rgb(text) {
    const probe = document.createElement("span");
    probe.style.color = text;
    document.body.appendChild(probe);
    const c = getComputedStyle(probe).color.match(/[\d.]+/g).map(Number);
    probe.remove();
    return c.slice(0, 3);
  }

  function drawNetwork(svg, width, run, m, example) {
    svg.replaceChildren();
    const s = run.settings;
    const layers = s.hidden ? [3, s.hidden, 1] : [3, 1];
    const big = Math.max(...layers);
    const gap = big > 8 ? 22 : 44;
    const top = 30;
    const height = top + big * gap + 8;
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.setAttribute("width", width);
    svg.setAttribute("height", height);
    const left = 44;
    const right = width - 72;
    const x = (k) => left + ((right - left) * k) / (layers.length - 1);
    const y = (k, i) => top + gap / 2 + (big - layers[k]) * gap / 2 + i * gap;
    const r = Math.min(13, gap / 2 - 2);
    const values = [T.X[example], m.l1[example]];
    if (s.hidden) values.push(m.l2[example]);
    const weights = s.hidden ? [m.syn0, m.syn1] : [m.syn0];
    const largest = Math.max(1e-9, ...weights.flat(2).map(Math.abs));
    const edges = make("g", {}, svg);
    weights.forEach((w, k) => {
      w.forEach((row, i) =>
        row.forEach((v, j) => {
          const line = make("line", {
            x1: x(k), y1: y(k, i), x2: x(k + 1), y2: y(k + 1, j),
            class: v >= 0 ? "nn11-explorer__pos" : "nn11-explorer__neg",
            "stroke-width": (0.6 + 5.4 * Math.sqrt(Math.abs(v) / largest)).toFixed(2),
          }, edges);
          make("title", {}, line, `${k ? "syn1" : "syn0"}[${i}][${j}] = ${fixed(v)}`);
        })
      );
    });
    const names = s.hidden ? ["l0", "l1", "l2"] : ["l0", "l1"];
    values.forEach((column, k) => {
      make("text", { x: x(k), y: 16, class: "nn11-explorer__head" }, svg, names[k]);
      column.forEach((v, i) => {
        const g = make("g", {}, svg);
        make("circle", { cx: x(k), cy: y(k, i), r, class: "nn11-explorer__node",
          "fill-opacity": Math.max(0.06, Math.min(1, v)).toFixed(3) }, g);
        const first = k === 0;
        make("text", { x: x(k) + (first ? -r - 5 : r + 5), y: y(k, i) + 4,
          class: first ? "nn11-explorer__value nn11-explorer__value--in" : "nn11-explorer__value" },
          g, first ? String(v) : fixed(v));
      });
    });
  }

  function drawCurve(svg, width, run, view) {
    svg.replaceChildren();
    const height = 190;
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.setAttribute("width", width);
    svg.setAttribute("height", height);
    const left = 52;
    const right = width - 14;
    const top = 12;
    const bottom = height - 42;
    const total = run.total;
    const logEnd = Math.log10(total) || 1;
    const px = (it) => left + ((right - left) * Math.log10(it + 1)) / logEnd;
    let low = 1;
    for (let j = 0; j < run.done; j++) if (run.errors[j] > 0 && run.errors[j] < low) low = run.errors[j];
    const lowDecade = Math.max(-12, Math.min(-1, Math.floor(Math.log10(low))));
    const py = (e) => {
      const l = Math.max(lowDecade, Math.log10(Math.max(e, 1e-300)));
      return top + ((bottom - top) * -l) / -lowDecade;
    };
    const axis = make("g", { class: "nn11-explorer__axis" }, svg);
    make("line", { x1: left, y1: bottom, x2: right, y2: bottom }, axis);
    make("line", { x1: left, y1: top, x2: left, y2: bottom }, axis);
    let lastRight = -Infinity;
    for (let p = 0; 10 ** p <= total; p++) {
      const it = p ? 10 ** p : 0;
      const label = count(it);
      const half = 4 * label.length;
      const at = Math.min(px(it), width - 2 - half); // the last label stays inside the drawing
      if (at - half < lastRight + 6) continue;
      make("text", { x: at, y: bottom + 16, "text-anchor": "middle" }, axis, label);
      lastRight = at + half;
    }
    const stepDecades = Math.ceil(-lowDecade / Math.max(1, Math.floor((bottom - top) / 22)));
    for (let d = 0; d >= lowDecade; d -= stepDecades) {
      const label = d >= -3 ? String(10 ** d === 1 ? 1 : Number((10 ** d).toFixed(-d))) : `1e${d}`;
      make("text", { x: left - 6, y: py(10 ** d) + 4, "text-anchor": "end" }, axis, label);
    }
    make("text", { x: (left + right) / 2, y: height - 6, "text-anchor": "middle" }, axis,
      "iteration (log scale)");
    const points = [];
    const samples = Math.max(2, Math.round(right - left));
    let last = -1;
    for (let k = 0; k <= samples; k++) {
      const it = Math.min(run.done - 1, Math.round(10 ** ((k / samples) * logEnd)) - 1);
      if (it <= last) continue;
      last = it;
      points.push(`${px(it).toFixed(1)},${py(run.errors[it]).toFixed(1)}`);
    }
    if (points.length) {
      make("polyline", { points: points.join(" "), class: "nn11-explorer__curve" }, svg);
    }
    make("line", { x1: px(view), y1: top, x2: px(view), y2: bottom,
      class: "nn11-explorer__marker" }, svg);
    make("circle", { cx: px(view), cy: py(run.errors[view]), r: 5, class: "nn11-explorer__dot" },
      svg);
  }

  // The output and each hidden unit over the square input 1, input 2 in [0, 1], input 3 = 1:
  // one pass over the grid fills every map.
  const GRID = 24;
  const SCALE = 6;
  const small = document.createElement("canvas");
  small.width = GRID;
  small.height = GRID;
  function mapImages(run, w, colours, count) {
    const ctx = small.getContext("2d");
    const images = Array.from({ length: count }, () => ctx.createImageData(GRID, GRID));
    const hidden = new Float64Array(run.trainer.width);
    for (let row = 0; row < GRID; row++) {
      for (let col = 0; col < GRID; col++) {
        const out = run.trainer.predict(w, col / (GRID - 1), 1 - row / (GRID - 1), 1, hidden);
        const o = 4 * (row * GRID + col);
        images.forEach((image, k) => {
          const v = k === 0 ? out : hidden[k - 1];
          for (let c = 0; c < 3; c++) {
            image.data[o + c] = Math.round(colours[0][c] + (colours[1][c] - colours[0][c]) * v);
          }
          image.data[o + 3] = 255;
        });
      }
    }
    return images;
  }

  function drawMap(canvas, image, colours, targets) {
    if (!targets) { // a hidden unit's map: its own pixels, scaled up smoothly by the browser
      canvas.getContext("2d").putImageData(image, 0, 0);
      return;
    }
    small.getContext("2d").putImageData(image, 0, 0);
    const big = canvas.getContext("2d");
    big.imageSmoothingEnabled = true;
    big.drawImage(small, 0, 0, GRID, GRID, 0, 0, canvas.width, canvas.height);
    if (!targets) return;
    // The four examples at the corners, filled with their target's colour.
    const edge = canvas.width;
    T.X.forEach((x, i) => {
      const cx = x[0] ? edge - 9 : 9;
      const cy = x[1] ? 9 : edge - 9;
      big.beginPath();
      big.arc(cx, cy, 6, 0, 2 * Math.PI);
      big.fillStyle = `rgb(${colours[targets[i]].join(",")})`;
      big.fill();
      big.lineWidth = 2;
      big.strokeStyle = targets[i] ? "#000" : "#fff";
      big.stroke();
    });
  }

  // A table, built the first time and only its text changed afterwards (cheaper than
  // building it again for every iteration shown).
  function table(parent, index, caption, columns, rows) {
    let box = parent.children[index];
    const shape = `${columns.join("|")} ${rows.length}`;
    if (!box || box.dataset.shape !== shape) {
      box = make("div", { class: "nn11-explorer__table", tabindex: "0", role: "region" });
      box.dataset.shape = shape;
      const t = make("table", {}, box); // no class: Material styles plain tables
      make("caption", {}, t);
      const head = make("tr", {}, make("thead", {}, t));
      columns.forEach((c) => make("th", { scope: "col" }, head, c));
      const body = make("tbody", {}, t);
      rows.forEach((r) => {
        const tr = make("tr", {}, body);
        r.forEach((_, i) => make(i ? "td" : "th", i ? {} : { scope: "row" }, tr));
      });
      if (parent.children[index]) parent.replaceChild(box, parent.children[index]);
      else parent.appendChild(box);
    }
    box.setAttribute("aria-label", caption);
    const t = box.firstChild;
    if (t.caption.textContent !== caption) t.caption.textContent = caption;
    rows.forEach((r, i) => {
      const cells = t.tBodies[0].rows[i].cells;
      r.forEach((text, j) => {
        if (cells[j].textContent !== text) cells[j].textContent = text;
      });
    });
  }

  // ---- The explorer ---------------------------------------------------------------------------

  function init(root, base) {
    if (root.dataset.ready) return;
    root.dataset.ready = "1";
    const source = document.getElementById("nn11-explorer-data");
    const built = source ? JSON.parse(source.textContent) : {};
    const still = window.matchMedia("(prefers-reduced-motion: reduce)");
    const asked = fromQuery(window.location.search);
    const state = { settings: asked.settings, example: 0, view: 0, computing: false, playing: null };
    let run = null;
    root.replaceChildren();
    const id = (name) => `nn11-x-${name}`;

    // Controls
    const form = make("form", { class: "nn11-explorer__form", "aria-label": "Settings" }, root);
    form.addEventListener("submit", (e) => e.preventDefault());
    const choices = make("div", { class: "nn11-explorer__controls" }, form);
    function radios(legend, name, options, checked, onChange) {
      const set = make("fieldset", { class: "nn11-explorer__choice" }, choices);
      make("legend", {}, set, legend);
      const inputs = options.map(([value, label], i) => {
        const row = make("div", {}, set);
        const input = make("input", { type: "radio", name: id(name), id: id(`${name}-${i}`),
          value }, row);
        input.checked = value === checked;
        input.addEventListener("change", () => onChange(value));
        make("label", { for: id(`${name}-${i}`) }, row, label);
        return input;
      });
      return { set, inputs };
    }
    const netChoice = radios("Network", "net",
      [["1", "Part 1: two layers"], ["2", "Part 2: three layers"]], String(state.settings.net),
      (value) => {
        const listing = LISTINGS[Number(value) - 1];
        Object.assign(state.settings, { net: listing.net, data: listing.data,
          iterations: listing.iterations });
        restart();
      });
    const dataChoice = radios("Dataset (targets y)", "data",
      Object.entries(T.DATASETS).map(([k, d]) => [k, d.label]), state.settings.data, (value) => {
        state.settings.data = value;
        restart();
      });

    const numbers = make("div", { class: "nn11-explorer__numbers" }, form);
    function field(name, label, attrs, hint) {
      const box = make("div", { class: "nn11-explorer__field" }, numbers);
      make("label", { for: id(name) }, box, label);
      const input = make("input", { id: id(name), ...attrs }, box);
      const out = hint ? make("output", { for: id(name), id: id(`${name}-shown`) }, box) : null;
      return { box, input, out };
    }
    const hidden = field("hidden", "Hidden units", { type: "range", min: 1, max: 32, step: 1 }, true);
    const alpha = field("alpha", "Learning rate alpha", { type: "range", min: 0, step: 1 }, true);
    const seed = field("seed", "Seed", { type: "number", min: 0, max: 4294967295, step: 1,
      inputmode: "numeric" });
    const iterations = field("iterations", "Iterations", { type: "number", min: 1, max: 60000,
      step: 1, inputmode: "numeric" });

    const buttons = make("div", { class: "nn11-explorer__buttons" }, form);
    const runButton = make("button", { type: "button", id: id("run"), class: "md-button" },
      buttons, "Run");
    const stepButton = make("button", { type: "button", id: id("step"), class: "md-button" },
      buttons, "Step one iteration");
    const status = make("p", { class: "nn11-explorer__status", id: id("status"), role: "status" },
      form);

    const alphaStops = () => {
      const a = state.settings.alpha;
      return ALPHAS.includes(a) ? ALPHAS : [...ALPHAS, a].sort((p, q) => p - q);
    };

    function syncControls() {
      const s = state.settings;
      netChoice.inputs.forEach((i) => { i.checked = i.value === String(s.net); });
      dataChoice.inputs.forEach((i) => { i.checked = i.value === s.data; });
      hidden.input.value = String(s.hidden || DEFAULTS.hidden);
      hidden.input.disabled = s.net === 1;
      hidden.out.textContent = s.net === 1 ? "none in Part 1" : String(s.hidden);
      hidden.input.setAttribute("aria-valuetext",
        s.net === 1 ? "none in Part 1" : `${s.hidden} hidden units`);
      const stops = alphaStops();
      alpha.input.max = String(stops.length - 1);
      alpha.input.value = String(stops.indexOf(s.alpha));
      alpha.out.textContent = alphaText(s.alpha);
      alpha.input.setAttribute("aria-valuetext", `alpha ${alphaText(s.alpha)}`);
      seed.input.value = String(s.seed);
      iterations.input.value = String(s.iterations);
    }

    hidden.input.addEventListener("input", () => {
      state.settings.hidden = Number(hidden.input.value);
      hidden.out.textContent = hidden.input.value;
    });
    hidden.input.addEventListener("change", () => restart());
    alpha.input.addEventListener("input", () => {
      state.settings.alpha = alphaStops()[Number(alpha.input.value)];
      alpha.out.textContent = alphaText(state.settings.alpha);
    });
    alpha.input.addEventListener("change", () => restart());
    for (const [f, name] of [[seed, "seed"], [iterations, "iterations"]]) {
      f.input.addEventListener("change", () => {
        const value = Number(f.input.value);
        try {
          T.check({ ...state.settings, net: 2, hidden: 1, [name]: value });
        } catch (e) {
          status.textContent = `Not changed: ${e.message}.`;
          f.input.value = String(state.settings[name]);
          return;
        }
        state.settings[name] = value;
        restart();
      });
    }

    // The scrubber
    const scrubBox = make("div", { class: "nn11-explorer__scrub" }, root);
    make("label", { for: id("scrub") }, scrubBox, "Iteration ");
    const scrub = make("input", { type: "range", id: id("scrub"), min: 0, step: 1, value: 0 },
      scrubBox);
    const shown = make("output", { for: id("scrub"), id: id("iteration") }, scrubBox);
    const exampleBox = make("div", { class: "nn11-explorer__controls" }, root);
    {
      const set = make("fieldset", { class: "nn11-explorer__choice" }, exampleBox);
      make("legend", {}, set, "Example shown in the drawing");
      T.X.forEach((r, i) => {
        const row = make("div", {}, set);
        const input = make("input", { type: "radio", name: id("example"), id: id(`example-${i}`),
          value: String(i) }, row);
        input.checked = i === 0;
        input.addEventListener("change", () => {
          state.example = i;
          draw();
        });
        make("label", { for: id(`example-${i}`) }, row, `${i + 1} (${r.join(" ")})`);
      });
    }

    // Pictures and numbers
    const figures = make("div", { class: "nn11-explorer__figures" }, root);
    const netFigure = make("div", { class: "nn11-explorer__figure" }, figures);
    const netSvg = make("svg", { role: "img", class: "nn11-explorer__net", id: id("network") },
      netFigure);
    const curveFigure = make("div", { class: "nn11-explorer__figure" }, figures);
    const curveSvg = make("svg", { role: "img", class: "nn11-explorer__plot", id: id("curve") },
      curveFigure);
    const maps = make("div", { class: "nn11-explorer__maps", id: id("maps") }, root);
    const tablesBox = make("div", { id: id("tables") }, root);
    const tables = make("div", { class: "nn11-explorer__tables" }, tablesBox);
    // The other tables are long with many hidden units: folded away until asked for.
    const more = make("details", { class: "nn11-explorer__more" }, tablesBox);
    make("summary", {}, more, "Every value at this iteration: the layers and the weights");
    const moreTables = make("div", { class: "nn11-explorer__tables" }, more);
    const printedLabel = make("p", { class: "nn11-explorer__printed-label", id: id("printed-label") },
      root);
    const out = make("pre", { class: "nn11-explorer__printed", id: id("printed"), tabindex: "0",
      "aria-labelledby": id("printed-label") }, root);
    const agreement = make("p", { class: "nn11-explorer__agreement", id: id("agreement") }, root);

    // Scrubber stops: every iteration at first, then spaced evenly on a log scale, plus the
    // last one computed and the one on show.
    let stops = [0];
    function makeStops() {
      const last = Math.max(0, run.done - 1);
      const set = new Set([0, last, Math.min(state.view, last)]);
      for (let j = 0; j <= Math.min(last, 20); j++) set.add(j);
      const n = 300;
      for (let k = 0; k <= n; k++) set.add(Math.min(last, Math.round(10 ** ((k / n) * Math.log10(last + 1))) - 1));
      stops = [...set].filter((j) => j >= 0).sort((a, b) => a - b);
    }

    function printed(view) {
      const s = run.settings;
      const listing = listingOf(s);
      const fromBuild = listing && built[listing.name];
      if (s.net === 1) {
        if (view < run.total - 1) return "(the listing prints only after its last iteration)";
        const column = fromBuild
          ? fromBuild.snapshots[fromBuild.snapshots.length - 1].l1.map((r) => r[0])
          : run.moments(view).l1.map((r) => r[0]);
        return "Output After Training:\n" + numpyColumn(column);
      }
      const lines = [];
      for (let j = 0; j <= view; j += 10000) {
        const e = fromBuild ? fromBuild.printed[j / 10000] : run.errors[j];
        lines.push("Error:" + pyFloat(e));
      }
      return lines.join("\n");
    }

    function describeAgreement() {
      const listing = listingOf(run.settings);
      const fromBuild = listing && built[listing.name];
      if (!fromBuild || run.done < run.total) {
        agreement.textContent = "";
        return;
      }
      let worst = 0;
      const compare = (a, b) => {
        worst = Math.max(worst, Math.abs(a - b) / Math.max(Math.abs(a), 1e-300));
      };
      if (run.settings.net === 2) {
        fromBuild.printed.forEach((e, k) => compare(e, run.errors[k * 10000]));
      } else {
        const mine = run.moments(run.total - 1).l1;
        fromBuild.snapshots[fromBuild.snapshots.length - 1].l1.forEach((r, i) => compare(r[0], mine[i][0]));
      }
      const digits = worst === 0 ? 17 : Math.min(17, Math.floor(-Math.log10(worst)));
      agreement.textContent = worst === 0
        ? "This page's own run of these settings printed exactly these numbers."
        : `This page's own run of these settings agrees with these numbers to ${digits} ` +
          "significant digits (the last ones depend on how numpy rounds on the building machine).";
    }

    const widths = { net: 480, curve: 480 };
    let shownKey = "";
    let runs = 0; // counts the runs, so that a new one is always drawn
    let pending = false;
    function draw() {
      if (pending) return;
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        render();
      });
    }

    function render() {
      if (!run || run.done === 0) return;
      const s = run.settings;
      state.view = Math.min(state.view, run.done - 1);
      makeStops();
      const view = state.view;
      scrub.max = String(stops.length - 1);
      scrub.value = String(stops.indexOf(view));
      const text = `iteration ${count(view)} of ${count(run.total)}`;
      shown.textContent = text;
      scrub.setAttribute("aria-valuetext", text);
      runButton.textContent = state.playing || state.computing ? "Pause" : "Run";
      stepButton.disabled = view >= run.total - 1;
      drawCurve(curveSvg, widths.curve, run, view);
      curveSvg.setAttribute("aria-label",
        `Mean absolute error over the iterations, both axes logarithmic; at ${text} it is ` +
        `${fixed(run.errors[view], 6)}.`);
      root.dataset.done = String(run.done);
      // The rest shows one iteration: redrawn only when it, the example, the size or the
      // scheme changes (not for every slice the worker sends).
      const width = widths.net;
      const key = [runs, view, state.example, width, document.body.dataset.mdColorScheme,
        run.done >= run.total].join(" ");
      if (key === shownKey) return;
      shownKey = key;
      const m = run.moments(view);
      const outName = s.hidden ? "l2" : "l1";
      const errName = outName + "_error";
      drawNetwork(netSvg, width, run, m, state.example);
      netSvg.setAttribute("aria-label",
        `The network at ${text}, example ${state.example + 1}: output ` +
        `${fixed(m[outName][state.example][0])}, target ${T.DATASETS[s.data].y[state.example]}.` +
        " Blue lines are positive weights, red negative; thicker is larger.");
      drawMaps(view);
      const y = T.DATASETS[s.data].y;
      table(tables, 0, `Per example, at iteration ${count(view)}`,
        ["example: inputs", "y", outName, errName, outName + "_delta"],
        y.map((t, i) => [`${i + 1}: ${T.X[i].join(" ")}`, String(t), fixed(m[outName][i][0]),
          fixed(m[errName][i][0]), fixed(m[outName + "_delta"][i][0])]));
      let n = 0;
      if (s.hidden) {
        for (const name of ["l1", "l1_error", "l1_delta"]) {
          table(moreTables, n++, `${name}: one row per example, one column per hidden unit`,
            ["example", ...m.l1[0].map((_, j) => `unit ${j + 1}`)],
            m[name].map((r, i) => [String(i + 1), ...r.map((v) => fixed(v))]));
        }
        table(moreTables, n++, "syn0: from each input to each hidden unit",
          ["input", ...m.syn0[0].map((_, j) => `unit ${j + 1}`)],
          m.syn0.map((r, i) => [String(i + 1), ...r.map((v) => fixed(v))]));
        table(moreTables, n++, "syn1: from each hidden unit to the output", ["unit", "weight"],
          m.syn1.map((r, i) => [String(i + 1), fixed(r[0])]));
      } else {
        table(moreTables, n++, "syn0: from each input to the output", ["input", "weight"],
          m.syn0.map((r, i) => [String(i + 1), fixed(r[0])]));
      }
      while (moreTables.children.length > n) moreTables.lastChild.remove();
      const listing = listingOf(s);
      printedLabel.textContent = listing
        ? "What the listing printed by this iteration (nn11.train, when this site was built):"
        : "What Python would print by this iteration (computed in this page):";
      out.textContent = printed(view);
      describeAgreement();
      root.dataset.view = String(view);
    }

    let mapCanvases = [];
    let mapColours = null;
    function drawMaps(view) {
      const s = run.settings;
      const units = s.hidden || 0;
      const key = `${units}`;
      if (maps.dataset.key !== key) {
        maps.dataset.key = key;
        maps.replaceChildren();
        make("p", { class: "nn11-explorer__maps-label" }, maps,
          "Over the square: input 1 from 0 (left) to 1 (right), input 2 from 0 (bottom) to 1 " +
          "(top), input 3 held at 1. Dark is near 0, light near 1. On the output's square the " +
          "dots at the corners are the four examples, filled with their target's colour.");
        const grid = make("div", { class: units > 8
          ? "nn11-explorer__map-grid nn11-explorer__map-grid--many" : "nn11-explorer__map-grid" },
        maps);
        mapCanvases = [null, ...Array.from({ length: units }, (_, j) => j)].map((unit) => {
          const figure = make("figure", { class: unit === null ? "nn11-explorer__map nn11-explorer__map--out" : "nn11-explorer__map" }, grid);
          const size = unit === null ? GRID * SCALE : GRID;
          const canvas = make("canvas", { width: size, height: size, role: "img" }, figure);
          make("figcaption", {}, figure, unit === null ? `output (${s.hidden ? "l2" : "l1"})` : `unit ${unit + 1}`);
          return { unit, canvas };
        });
      }
      const w = run.weightsAt(view);
      const scheme = document.body.dataset.mdColorScheme || "";
      if (!mapColours || mapColours.scheme !== scheme) {
        mapColours = { scheme, rgb: [rgb(css(root, "--nn11-map-0")), rgb(css(root, "--nn11-map-1"))] };
      }
      const colours = mapColours.rgb;
      const corner = (unit) => T.X.map((x) => run.trainer.predict(w, x[0], x[1], 1,
        unit === null ? null : new Float64Array(run.trainer.width)));
      const images = mapImages(run, w, colours, mapCanvases.length);
      for (const { unit, canvas } of mapCanvases) {
        drawMap(canvas, images[unit === null ? 0 : unit + 1], colours,
          unit === null ? T.DATASETS[s.data].y : null);
        let values;
        if (unit === null) values = corner(null);
        else {
          const h = new Float64Array(run.trainer.width);
          values = T.X.map((x) => { run.trainer.predict(w, x[0], x[1], 1, h); return h[unit]; });
        }
        canvas.setAttribute("aria-label", (unit === null ? "Output" : `Hidden unit ${unit + 1}`) +
          ` at iteration ${count(view)} over the square of inputs 1 and 2; at the four examples: ` +
          values.map((v, i) => `(${T.X[i][0]}, ${T.X[i][1]}) ${fixed(v, 2)}`).join(", ") + ".");
      }
    }

    // Training: computing runs by itself after every change of settings (in the worker, after
    // the first 20 ms here); Run plays the iterations computed so far, about one decade of
    // iterations per second on the slider's log scale, and Pause stops both.
    // Instant navigation builds the page anew: the previous explorer's worker is not needed.
    if (window.nn11Explorer && window.nn11Explorer.driver.worker) {
      window.nn11Explorer.driver.worker.terminate();
    }
    const driver = new Driver(base, (msg) => {
      if (!run) return;
      if (msg === null) { // the worker failed: go on in the page
        if (state.computing) driver.start(run);
        return;
      }
      run.absorb(msg);
      if (run.done >= run.total) finished();
      if (state.playing && state.playing.still) state.view = run.done - 1;
      if (state.playing && state.playing.still && run.done >= run.total) state.playing = null;
      draw();
    });

    function finished() {
      state.computing = false;
      run.seconds = (performance.now() - run.began) / 1000;
      status.textContent = `Trained ${count(run.total)} iterations in ${run.seconds.toFixed(2)} s.`;
    }

    function compute() {
      if (run.done >= run.total) return;
      state.computing = true;
      status.textContent = `Training… (${count(run.done)} iterations so far)`;
      driver.start(run);
    }

    function pause() {
      const was = state.computing || state.playing;
      if (state.computing) driver.stop();
      state.computing = false;
      state.playing = null;
      if (was && run.done < run.total) {
        status.textContent = `Paused after ${count(run.done)} of ${count(run.total)} iterations.`;
      }
    }

    const DECADES_PER_SECOND = 1;
    function play() {
      if (state.view >= run.total - 1) state.view = 0;
      if (still.matches) { // no motion: straight to the last iteration (once it is computed)
        state.view = run.done - 1;
        state.playing = run.done < run.total ? { still: true } : null;
        compute();
        render();
        return;
      }
      state.playing = { since: performance.now(), from: state.view };
      compute();
      const tick = () => {
        const p = state.playing;
        if (!p) return;
        const decades = ((performance.now() - p.since) / 1000) * DECADES_PER_SECOND;
        const target = Math.round((p.from + 1) * 10 ** decades) - 1;
        state.view = Math.min(run.done - 1, Math.max(state.view + 1, target));
        if (state.view >= run.total - 1) state.playing = null;
        render();
        if (state.playing) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    }

    function restart() {
      pause();
      const settings = T.check(state.settings); // Part 1: hidden 0, the slider keeps its value
      syncControls();
      const query = toQuery(state.settings);
      if (window.location.search !== query && window.history.replaceState) {
        window.history.replaceState(window.history.state, "", query + window.location.hash);
      }
      run = new Run(settings);
      runs += 1;
      // The first 10 ms here (Part 1's listing, usually), the rest in the worker.
      const budget = performance.now() + 10;
      const checkpoints = [];
      do {
        const stop = Math.min(run.total, run.done + CHECKPOINT);
        T.advance(run.trainer, run.front, run.done, stop, CHECKPOINT, run.errors, checkpoints);
        run.done = stop;
      } while (run.done < run.total && performance.now() < budget);
      for (const [j, w] of checkpoints) run.checkpoints[j / CHECKPOINT] = w;
      state.view = 0;
      maps.dataset.key = "";
      if (run.done >= run.total) finished();
      else compute();
      draw(); // in the next frame: the reader's change is answered at once
    }

    runButton.addEventListener("click", () => {
      if (state.playing || state.computing) pause();
      else play();
      render();
    });
    stepButton.addEventListener("click", () => {
      if (state.playing) state.playing = null;
      if (state.view + 1 >= run.done && run.done < run.total) {
        pause();
        run.stepOne();
        if (run.done >= run.total) finished();
      }
      state.view = Math.min(state.view + 1, run.done - 1);
      render();
    });
    scrub.addEventListener("input", () => {
      state.playing = null;
      state.view = stops[Number(scrub.value)];
      render();
    });
    new ResizeObserver(() => {
      // Read here, once per change of size, not while drawing (that would force a layout).
      widths.net = Math.max(280, Math.floor(netFigure.clientWidth || 480));
      widths.curve = Math.max(280, Math.floor(curveFigure.clientWidth || 480));
      draw();
    }).observe(figures);

    // Settings and the scheme in use can change the drawing's colours.
    new MutationObserver(() => draw()).observe(document.body,
      { attributes: true, attributeFilter: ["data-md-color-scheme"] });

    restart();
    if (asked.problems.length) {
      make("p", { class: "nn11-explorer__notice", id: id("notice") }, form,
        `Ignored in the address: ${asked.problems.join("; ")}.`);
    }
    window.nn11Explorer = {
      get run() { return run; },
      get state() { return state; },
      driver,
      settings: () => ({ ...run.settings }),
      show(j) { // for tests: show iteration j (clamped to what is computed)
        state.playing = null;
        state.view = Math.max(0, Math.min(j, run.done - 1));
        render();
      },
    };
    render();
  }

  window.NN11Explorer = { init, pyFloat, numpyColumn, fromQuery, toQuery };
})();
