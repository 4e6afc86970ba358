// "Watch it learn" (docs/play/explorer.md). Loaded on every page, so it stays small: on the
// page that holds the explorer it loads the trainer (explorer-train.js) and the view
// (explorer-view.js), which trains the network live in the reader's browser.
(function () {
  "use strict";

  const here = document.currentScript && document.currentScript.src;
  const base = here ? new URL(".", here).href : null;
  let loading = null;

  function load() {
    if (loading) return loading;
    loading = Promise.all(
      ["explorer-train.js", "explorer-view.js"].map((name) => {
        const script = document.createElement("script");
        script.src = new URL(name, base).href;
        script.async = false; // in this order: the view needs the trainer
        const loaded = new Promise((resolve, reject) => {
          script.onload = resolve;
          script.onerror = () => reject(new Error(`could not load ${name}`));
        });
        document.head.appendChild(script);
        return loaded;
      })
    );
    return loading;
  }

  function start() {
    const roots = document.querySelectorAll("[data-nn11-explorer]");
    if (!roots.length || !base) return;
    load().then(() => roots.forEach((root) => window.NN11Explorer.init(root, base)));
  }

  if (typeof document$ !== "undefined") document$.subscribe(start);
  else document.addEventListener("DOMContentLoaded", start);
})();
