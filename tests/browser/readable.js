async scheme => {
  if (!document.getElementById('nn11-still')) {  // final colours at once, not mid-transition
    const still = document.createElement('style');
    still.id = 'nn11-still';
    still.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; }';
    document.head.append(still);
  }
  if (scheme) {  // what the header's palette toggle does: copy that palette's attributes to <body>
    const input = [...document.querySelectorAll('input[name="__palette"]')]
      .find(i => i.dataset.mdColorScheme === scheme);
    for (const key of ['mdColorScheme', 'mdColorPrimary', 'mdColorAccent'])
      if (input.dataset[key]) document.body.dataset[key] = input.dataset[key];
  }
  document.querySelectorAll('article details').forEach(d => { d.open = true; });
  const parse = c => { const v = c.match(/[\d.]+/g).map(Number); return v.length < 4 ? [...v, 1] : v; };
  const lum = ([r, g, b]) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const contrast = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const over = (c, base) => c.slice(0, 3).map((v, i) => v * c[3] + base[i] * (1 - c[3]));
  const bgOf = el => { const layers = [];
    for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c); if (c[3] === 1) break; }
    return layers.reverse().reduce((base, c) => over(c, base), [255, 255, 255]); };
  const textContrast = el => { const bg = bgOf(el); return contrast(over(parse(getComputedStyle(el).color), bg), bg); };
  const prose = document.querySelector('article p');
  const code = document.querySelector('article .highlight code');
  const kinds = new Map();
  for (const s of document.querySelectorAll('article .highlight code span[class]'))
    if (s.textContent.trim() && !kinds.has(s.className)) kinds.set(s.className, s);
  const tokens = [...kinds].map(([k, s]) => [k, textContrast(s)]);
  const num = document.querySelector('article td.linenos pre > span.normal');
  const figures = [];
  for (const img of document.querySelectorAll('article img[src*="#only-"]')) {
    const shown = img.checkVisibility({opacityProperty: true, visibilityProperty: true}) && img.getBoundingClientRect().width > 0;
    const item = {src: img.getAttribute('src'), alt: img.alt, shown, natural: img.naturalWidth};
    if (shown) { await img.decode();
      const bg = bgOf(img); const w = 300, h = Math.round(300 * img.naturalHeight / img.naturalWidth);
      const cv = document.createElement('canvas'); cv.width = w; cv.height = h; const cx = cv.getContext('2d');
      cx.fillStyle = `rgb(${bg.join(',')})`; cx.fillRect(0, 0, w, h); cx.drawImage(img, 0, 0, w, h);
      const d = cx.getImageData(0, 0, w, h).data; let drawn = 0, ink = 0;
      for (let i = 0; i < d.length; i += 4) { const c = contrast([d[i], d[i + 1], d[i + 2]], bg);
        if (c > 1.05) { drawn++; if (c >= 3) ink++; } }
      Object.assign(item, {drawn, ink, share: ink / Math.max(drawn, 1), corner: contrast([d[0], d[1], d[2]], bg)}); }
    figures.push(item);
  }
  return {scheme: document.body.getAttribute('data-md-color-scheme'), prose: prose && textContrast(prose),
          code: code && textContrast(code), tokens, linenos: num && textContrast(num), figures};
}
