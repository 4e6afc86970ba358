/* Walkthrough view (hooks/walkthrough.py builds the page; docs/development.md explains).
   Lights the listing line(s) of the explanation in view, jumps from a line number to its
   explanation, j / k or buttons for next / previous. Re-runs on every page Material loads. */
(() => {
  "use strict";
  let current = null; // controller of the walkthrough on screen, if any

  const reduced = () => window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  const pad = (n) => String(n).padStart(2, "0");

  function setup(root) {
    const listing = root.querySelector(".nn11-wt__listing");
    const scroller = listing.querySelector(".highlight") || listing;
    const steps = [...root.querySelectorAll(".nn11-wt__step")];
    const lines = new Map(); // line number -> {code, num}
    for (const code of listing.querySelectorAll('code > span[id^="__span-"]')) {
      lines.set(Number(code.id.split("-").pop()), { code, num: null });
    }
    for (const num of listing.querySelectorAll(".linenos a")) {
      const n = Number(num.textContent); // Material may have made the href absolute
      if (lines.has(n)) lines.get(n).num = num;
    }
    const stepOf = (n) => steps.findIndex((s) => +s.dataset.first <= n && n <= +s.dataset.last);
    const text = (n) => (lines.get(n)?.code.textContent || "").trim();
    const title = (s) => (s.querySelector("h2")?.textContent || s.id).replace("\u00b6", "").trim();

    for (const [n, { num }] of lines) {
      if (!num) continue;
      const i = stepOf(n);
      if (i >= 0) {
        num.href = `#${steps[i].id}`;
        num.classList.add("nn11-wt__has");
        num.setAttribute("aria-label", `Line ${n}: go to its explanation`);
      } else {
        num.href = "#nn11-wt-note"; // says why there is none
        num.setAttribute("aria-label", `Line ${n}: no explanation`);
      }
    }

    const bar = document.createElement("div");
    bar.className = "nn11-wt__bar";
    bar.innerHTML =
      '<button type="button" data-go="-1" aria-keyshortcuts="k">Previous explanation</button>' +
      '<button type="button" data-go="1" aria-keyshortcuts="j">Next explanation</button>' +
      '<span class="nn11-wt__keys" aria-hidden="true"><kbd>k</kbd> / <kbd>j</kbd></span>';
    const note = document.createElement("p");
    note.className = "nn11-wt__note";
    note.id = "nn11-wt-note";
    note.setAttribute("role", "status"); // polite live region
    listing.prepend(bar);
    listing.append(note);

    let active = -1;
    function light(i) {
      if (i === active) return;
      if (active >= 0) {
        steps[active].removeAttribute("aria-current");
        for (const el of listing.querySelectorAll(".nn11-wt__lit")) {
          el.classList.remove("nn11-wt__lit");
          el.removeAttribute("aria-current");
        }
      }
      active = i;
      if (i < 0) return;
      const s = steps[i];
      s.setAttribute("aria-current", "step");
      let first = null;
      for (let n = +s.dataset.first; n <= +s.dataset.last; n++) {
        const line = lines.get(n);
        if (!line) continue;
        first = first || line.code;
        line.code.classList.add("nn11-wt__lit");
        if (line.num) {
          line.num.classList.add("nn11-wt__lit");
          line.num.setAttribute("aria-current", "true");
        }
      }
      if (first && scroller.scrollHeight > scroller.clientHeight) {
        const box = scroller.getBoundingClientRect();
        const at = first.getBoundingClientRect();
        if (at.top < box.top || at.bottom > box.bottom) {
          scroller.scrollTop += at.top - box.top - box.height / 3;
        }
      }
    }

    // The active explanation: the last one whose top has passed a line 35% down the viewport.
    let queued = false;
    function update() {
      queued = false;
      const mark = window.innerHeight * 0.35;
      let i = -1;
      steps.forEach((s, k) => {
        if (s.getBoundingClientRect().top <= mark) i = k;
      });
      light(i);
    }
    const schedule = () => {
      if (!queued) {
        queued = true;
        requestAnimationFrame(update);
      }
    };
    const observer = new IntersectionObserver(schedule, { rootMargin: "0px 0px -65% 0px" });
    steps.forEach((s) => observer.observe(s));

    function go(i, why) {
      if (i >= steps.length) {
        note.textContent = "That was the last explanation.";
        return;
      }
      const s = steps[i];
      const h = s.querySelector("h2") || s;
      h.tabIndex = -1;
      s.scrollIntoView({ behavior: reduced() ? "auto" : "smooth", block: "start" });
      h.focus({ preventScroll: true });
      light(i);
      note.textContent = `${why}: ${title(s)}`;
    }

    function explainNone(n) {
      const t = text(n);
      const kind = !t ? "a blank line" : t.startsWith("#") ? "a comment" : "";
      const before = steps.filter((s) => +s.dataset.last < n).pop();
      note.textContent = kind
        ? `Line ${pad(n)} is ${kind}: no explanation.`
        : `Line ${pad(n)} has no explanation of its own` +
          (before ? `; the nearest above is ${title(before)}.` : ".");
    }

    function step(d) {
      go(Math.max(0, active + d), "Showing");
    }

    function onClick(e) {
      const num = e.target.closest(".linenos a");
      const btn = e.target.closest("button[data-go]");
      if (btn) {
        step(Number(btn.dataset.go));
      } else if (num) {
        e.preventDefault();
        const n = Number(num.textContent.trim());
        const i = stepOf(n);
        if (i >= 0) go(i, `Line ${pad(n)} is explained in`);
        else explainNone(n);
      }
    }
    listing.addEventListener("click", onClick);
    schedule();

    return {
      root,
      step,
      stop: () => observer.disconnect(),
    };
  }

  // j / k anywhere on the page, unless typing or the search is open.
  document.addEventListener("keydown", (e) => {
    if (!current || e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key !== "j" && e.key !== "k") return;
    const t = e.target;
    if (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) return;
    if (document.querySelector('[data-md-toggle="search"]:checked')) return;
    e.preventDefault();
    current.step(e.key === "j" ? 1 : -1);
  });

  function init() {
    const root = document.querySelector(".nn11-wt");
    if (current && current.root === root) return; // the same page, emitted again
    current?.stop();
    current = root ? setup(root) : null;
  }
  if (typeof document$ !== "undefined") document$.subscribe(init); // Material, instant nav too
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
