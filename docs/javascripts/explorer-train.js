// The post's network trained in plain JavaScript, step for step as nn11.train computes it
// (nn11/training.py), for "Watch it learn" (explorer.js) and its worker (explorer-worker.js).
// No DOM here: the same file runs in the page, in the worker and in tests.
//
// Same numbers: the starting weights are numpy's, bit for bit (np.random.seed(n) seeds MT19937
// with init_genrand(n); random_sample makes each double from two 32-bit draws, 53 bits).
// Every array operation is written out in the listing's order: each dot product summed in index
// order, nonlin's slope as s * (1 - s), the error as mean(abs(.)), the update scaled by alpha
// only when alpha is not 1 (as train does). numpy's dot (OpenBLAS, with fused multiply-adds and
// its own summation order per CPU) and its exp may round the last bit differently: the numbers
// agree with nn11.train to the site's float tolerance, not bit for bit
// (tests/browser/test_explorer_live.py measures it).
(function (root) {
  "use strict";

  // MT19937 as numpy's legacy RandomState: seed(n) is init_genrand(n) for 0 <= n < 2**32.
  function Random(seed) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 4294967295) {
      throw new RangeError(`seed must be a whole number between 0 and 2**32 - 1, got ${seed}`);
    }
    const mt = new Uint32Array(624);
    mt[0] = seed >>> 0;
    for (let i = 1; i < 624; i++) {
      const s = mt[i - 1] ^ (mt[i - 1] >>> 30);
      // 1812433253 * s + i in 32 bits, without losing bits to doubles.
      mt[i] = ((((s & 0xffff0000) >>> 16) * 1812433253) << 16) + (s & 0x0000ffff) * 1812433253 + i;
    }
    this.mt = mt;
    this.index = 624;
  }

  Random.prototype.next32 = function () {
    const mt = this.mt;
    if (this.index >= 624) {
      for (let k = 0; k < 624; k++) {
        const y = (mt[k] & 0x80000000) | (mt[(k + 1) % 624] & 0x7fffffff);
        mt[k] = mt[(k + 397) % 624] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      this.index = 0;
    }
    let y = mt[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  };

  // numpy's random_sample: a double in [0, 1) from 27 + 26 random bits.
  Random.prototype.random = function () {
    const a = this.next32() >>> 5;
    const b = this.next32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  };

  // The listing's four examples (nn11/data.py) and the targets a reader can pick.
  const X = [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]];
  const DATASETS = {
    copy: { label: "Part 1's: y is input 1", y: [0, 0, 1, 1] },
    xor: { label: "Part 2's: y is input 1 XOR input 2", y: [0, 1, 1, 0] },
  };

  // Starting weights, drawn as train draws them: syn0 (inputs x width) row by row, then syn1.
  // width is the hidden layer's size, or 1 for Part 1's network (no syn1).
  function start(settings) {
    const random = new Random(settings.seed);
    const inputs = X[0].length;
    const width = settings.hidden || 1;
    const syn0 = new Float64Array(inputs * width);
    for (let k = 0; k < syn0.length; k++) syn0[k] = 2 * random.random() - 1;
    if (!settings.hidden) return { syn0, syn1: null };
    const syn1 = new Float64Array(width);
    for (let k = 0; k < width; k++) syn1[k] = 2 * random.random() - 1;
    return { syn0, syn1 };
  }

  // A trainer: the data as flat arrays, scratch space for one iteration's values.
  function Trainer(settings) {
    const rows = X.length;
    const inputs = X[0].length;
    const width = settings.hidden || 1;
    this.hidden = settings.hidden || 0;
    this.alpha = settings.alpha;
    this.rows = rows;
    this.inputs = inputs;
    this.width = width;
    this.l0 = Float64Array.from(X.flat());
    this.y = Float64Array.from(DATASETS[settings.data].y);
    // Part 1: l1 is the output (rows x 1). Part 2: l1 is hidden (rows x width), l2 the output.
    this.l1 = new Float64Array(rows * width);
    this.l1_error = new Float64Array(rows * width);
    this.l1_delta = new Float64Array(rows * width);
    this.l2 = new Float64Array(rows);
    this.l2_error = new Float64Array(rows);
    this.l2_delta = new Float64Array(rows);
    this.step0 = new Float64Array(inputs * width);
    this.step1 = new Float64Array(width);
  }

  // One iteration of the listing's loop on weights w ({syn0, syn1}, updated in place).
  // Returns mean(abs(output error)) of this iteration, measured before the update.
  Trainer.prototype.iterate = function (w) {
    const { rows, inputs, width, l0, y, l1, step0 } = this;
    const syn0 = w.syn0;
    // l1 = nonlin(np.dot(l0, syn0))
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < width; j++) {
        let s = 0;
        for (let k = 0; k < inputs; k++) s += l0[i * inputs + k] * syn0[k * width + j];
        l1[i * width + j] = 1 / (1 + Math.exp(-s));
      }
    }
    let out, outError, outDelta;
    if (!this.hidden) {
      out = l1;
      outError = this.l1_error;
      outDelta = this.l1_delta;
    } else {
      const { l2, syn1 } = { l2: this.l2, syn1: w.syn1 };
      // l2 = nonlin(np.dot(l1, syn1))
      for (let i = 0; i < rows; i++) {
        let s = 0;
        for (let j = 0; j < width; j++) s += l1[i * width + j] * syn1[j];
        l2[i] = 1 / (1 + Math.exp(-s));
      }
      out = l2;
      outError = this.l2_error;
      outDelta = this.l2_delta;
    }
    // error = y - out; its mean absolute value; delta = error * nonlin(out, deriv=True)
    let sum = 0;
    for (let i = 0; i < rows; i++) {
      const e = y[i] - out[i];
      outError[i] = e;
      sum += Math.abs(e);
      outDelta[i] = e * (out[i] * (1 - out[i]));
    }
    const error = sum / rows;
    const alpha = this.alpha;
    const scale = alpha !== 1;
    if (this.hidden) {
      const { l1_error, l1_delta, step1 } = this;
      const syn1 = w.syn1;
      // l1_error = l2_delta.dot(syn1.T); l1_delta = l1_error * nonlin(l1, deriv=True)
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < width; j++) {
          const e = outDelta[i] * syn1[j];
          const s = l1[i * width + j];
          l1_error[i * width + j] = e;
          l1_delta[i * width + j] = e * (s * (1 - s));
        }
      }
      // step1 = l1.T.dot(l2_delta)
      for (let j = 0; j < width; j++) {
        let s = 0;
        for (let i = 0; i < rows; i++) s += l1[i * width + j] * outDelta[i];
        step1[j] = s;
      }
    }
    // step0 = l0.T.dot(l1_delta)
    const delta0 = this.l1_delta;
    for (let k = 0; k < inputs; k++) {
      for (let j = 0; j < width; j++) {
        let s = 0;
        for (let i = 0; i < rows; i++) s += l0[i * inputs + k] * delta0[i * width + j];
        step0[k * width + j] = s;
      }
    }
    // syn1 += step1 (first, as the listing), then syn0 += step0, each scaled by alpha.
    if (this.hidden) {
      const { syn1 } = w;
      const step1 = this.step1;
      for (let j = 0; j < width; j++) syn1[j] += scale ? step1[j] * alpha : step1[j];
    }
    for (let k = 0; k < syn0.length; k++) syn0[k] += scale ? step0[k] * alpha : step0[k];
    return error;
  };

  // Iterations from..to-1 on w; errors[j] gets iteration j's error.
  Trainer.prototype.run = function (w, from, to, errors) {
    for (let j = from; j < to; j++) {
      const e = this.iterate(w);
      if (errors) errors[j] = e;
    }
  };

  const rowsOf = (flat, width) => {
    const out = [];
    for (let i = 0; i < flat.length; i += width) out.push(Array.from(flat.subarray(i, i + width)));
    return out;
  };

  // Every variable of one iteration, as nn11.train's snapshot_at keeps it (nested lists):
  // the weights before the update and the values the iteration computes from them.
  Trainer.prototype.moments = function (w) {
    const before = { syn0: rowsOf(w.syn0, this.width), syn1: w.syn1 ? rowsOf(w.syn1, 1) : null };
    const copy = copyWeights(w);
    this.iterate(copy);
    const width = this.width;
    const out = { syn0: before.syn0, l1: rowsOf(this.l1, width) };
    if (!this.hidden) {
      out.l1_error = rowsOf(this.l1_error, 1);
      out.l1_delta = rowsOf(this.l1_delta, 1);
    } else {
      Object.assign(out, {
        syn1: before.syn1,
        l2: rowsOf(this.l2, 1),
        l2_error: rowsOf(this.l2_error, 1),
        l2_delta: rowsOf(this.l2_delta, 1),
        l1_error: rowsOf(this.l1_error, width),
        l1_delta: rowsOf(this.l1_delta, width),
      });
    }
    return out;
  };

  // The output of the network with weights w for any inputs (the heat maps): nn11's predict.
  Trainer.prototype.predict = function (w, a, b, c, hiddenOut) {
    const width = this.width;
    const syn0 = w.syn0;
    if (!this.hidden) return 1 / (1 + Math.exp(-(a * syn0[0] + b * syn0[1] + c * syn0[2])));
    let s2 = 0;
    for (let j = 0; j < width; j++) {
      const h = 1 / (1 + Math.exp(-(a * syn0[j] + b * syn0[width + j] + c * syn0[2 * width + j])));
      if (hiddenOut) hiddenOut[j] = h;
      s2 += h * w.syn1[j];
    }
    return 1 / (1 + Math.exp(-s2));
  };

  // Iterations from..to-1 on w, as a worker or the page runs them in slices: errors[j] gets
  // iteration j's error, and checkpoints receives [j, weights before iteration j] at every
  // multiple of `every` up to `to` (so any iteration can be shown again from the closest one).
  function advance(trainer, w, from, to, every, errors, checkpoints) {
    let j = from;
    while (j < to) {
      const stop = Math.min(to, (Math.floor(j / every) + 1) * every);
      trainer.run(w, j, stop, errors);
      j = stop;
      if (j % every === 0) checkpoints.push([j, copyWeights(w)]);
    }
  }

  function copyWeights(w) {
    return { syn0: w.syn0.slice(), syn1: w.syn1 ? w.syn1.slice() : null };
  }

  // Settings from anything (a URL, a form): whole numbers, ranges and names checked.
  const LIMITS = {
    hidden: [1, 32],
    alpha: [0.001, 1000],
    seed: [0, 4294967295],
    iterations: [1, 60000],
  };

  function check(settings) {
    const out = { ...settings };
    if (out.net !== 1 && out.net !== 2) throw new RangeError(`net must be 1 or 2, got ${out.net}`);
    if (!(out.data in DATASETS)) {
      throw new RangeError(`data must be one of ${Object.keys(DATASETS).join(", ")}, got ${out.data}`);
    }
    for (const [name, [low, high]] of Object.entries(LIMITS)) {
      if (name === "hidden" && out.net === 1) continue;
      const v = out[name];
      const whole = name !== "alpha";
      if (typeof v !== "number" || !Number.isFinite(v) || (whole && !Number.isInteger(v)) ||
          v < low || v > high) {
        throw new RangeError(
          `${name} must be ${whole ? "a whole number" : "a number"} from ${low} to ${high}, got ${v}`);
      }
    }
    out.hidden = out.net === 1 ? 0 : out.hidden;
    return out;
  }

  const api = { Random, Trainer, start, advance, copyWeights, check, LIMITS, DATASETS, X };
  root.NN11Train = api;
  if (typeof module === "object" && module.exports) module.exports = api;
})(typeof self !== "undefined" ? self : globalThis);
