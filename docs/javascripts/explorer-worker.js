// "Watch it learn": trains in the background so the page stays responsive (explorer-view.js
// starts it). It runs explorer-train.js, the page's own trainer, and posts what it computed
// every few milliseconds: the errors, the weights at each checkpoint and at the end of the slice.
/* global NN11Train */
importScripts("explorer-train.js");

let current = null;

self.onmessage = (event) => {
  const job = event.data;
  if (job.stop) {
    current = null;
    return;
  }
  current = job;
  const T = NN11Train;
  const trainer = new T.Trainer(job.settings);
  const w = job.front;
  let from = job.from;
  const errors = new Float64Array(job.until);
  const slice = () => {
    if (current !== job) return;
    const began = performance.now();
    const checkpoints = [];
    let to = from;
    // Slices of about 25 ms of work: messages (pause, new settings) get through in between.
    while (to < job.until && performance.now() - began < 25) {
      const stop = Math.min(job.until, to + job.every);
      T.advance(trainer, w, to, stop, job.every, errors, checkpoints);
      to = stop;
    }
    const done = errors.slice(from, to);
    self.postMessage(
      { gen: job.gen, from, to, errors: done, checkpoints, front: T.copyWeights(w) },
      [done.buffer]
    );
    from = to;
    if (to < job.until) setTimeout(slice, 0);
  };
  slice();
};
