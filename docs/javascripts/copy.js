/* Examples you can run (hooks/copycode.py and hooks/downloads.py mark the HTML):
   - the install command shows the wheel's address taken from this page's own location;
   - a ">>>" button on each example block hides (and shows) the prompts and the output,
     remembered for the whole site like the colour scheme. Copying is handled by Material
     itself: it copies the block's data-copy, the code without prompts or output.
   Re-runs on every page Material loads (instant navigation). */
(() => {
  "use strict";
  const KEY = "nn11.bare";
  const LABEL = "Hide prompts and output";

  function load() {
    try {
      if (typeof __md_get === "function") return __md_get(KEY) === true;
      return localStorage.getItem(KEY) === "true";
    } catch (e) {
      return false;
    }
  }

  function save(bare) {
    try {
      if (typeof __md_set === "function") __md_set(KEY, bare);
      else localStorage.setItem(KEY, String(bare));
    } catch (e) {
      /* storage refused: the choice lasts for this page */
    }
  }

  function apply(bare) {
    document.documentElement.classList.toggle("nn11-bare", bare);
    for (const button of document.querySelectorAll("button.nn11-prompts")) {
      button.setAttribute("aria-pressed", String(bare));
      button.title = bare ? "Show prompts and output" : LABEL;
    }
  }

  function setup() {
    for (const box of document.querySelectorAll(".nn11-run[data-nn11-wheel]")) {
      // Material's __md_scope is the site's root, fixed when the first page loaded: right even
      // while instant navigation swaps the page; else the page-relative path.
      const url =
        typeof __md_scope !== "undefined"
          ? new URL(box.dataset.nn11Wheel.replace(/^(\.\.?\/)+/, ""), __md_scope).href
          : new URL(box.dataset.nn11Wheel, document.baseURI).href;
      const code = box.querySelector("code.nn11-install");
      if (code) code.textContent = `pip install ${url}`;
    }
    for (const block of document.querySelectorAll(".nn11-session")) {
      const pre = block.querySelector("pre");
      if (!pre || !block.querySelector(".nn11-gp") || block.querySelector(".nn11-prompts")) continue;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "nn11-prompts";
      button.textContent = ">>>";
      button.setAttribute("aria-label", LABEL);
      button.addEventListener("click", () => {
        const bare = !document.documentElement.classList.contains("nn11-bare");
        save(bare);
        apply(bare);
      });
      const nav = pre.querySelector(":scope > .md-code__nav");
      if (nav) nav.prepend(button);
      else pre.prepend(button);
    }
    apply(load());
  }

  if (typeof document$ !== "undefined") document$.subscribe(setup);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
