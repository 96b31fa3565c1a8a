/**
 * Layout checks read from the rendered page (issue 11): what overflows, which chart's plot is crushed, which
 * chart labels overlap. Each problem is a sentence naming the element, so a failing test says what to fix.
 */
import type {Page} from "playwright-core";

export interface LayoutOptions {
  /** The least height of a chart's plot area (the data rectangle, without axes and legends), in CSS pixels. */
  minPlotHeight?: number;
  /** Elements whose box must hold all of their content (e.g. ".card", ".slide.current"). */
  containers?: string[];
}

/**
 * Problems on the page as it is now: horizontal overflow of the page; content outside a container's box; a
 * chart drawn without width or height; a plot area under `minPlotHeight`; two visible text labels of one chart
 * overlapping.
 */
export async function layoutProblems(page: Page, options: LayoutOptions = {}): Promise<string[]> {
  const {minPlotHeight = 120, containers = [".card"]} = options;
  // A string, not a function: the TypeScript runner would wrap named closures in a helper the page lacks.
  const script = `(() => {
    const problems = [];
    const minPlotHeight = ${JSON.stringify(minPlotHeight)};
    const containers = ${JSON.stringify(containers)};
    const describe = (el) => {
      const text = (el.querySelector("h1, h2, h3, .headline-label, figcaption")?.textContent ?? el.textContent ?? "").trim();
      return (el.className?.baseVal ?? el.className ?? el.tagName) + (text ? ' "' + text.slice(0, 50) + '"' : "");
    };
    // Content inside its own scrolling box (a wide table in a scroll container) scrolls; it does not overflow.
    const scrollsWithin = (el, box) => {
      for (let a = el.parentElement; a && a !== box; a = a.parentElement) {
        if (["auto", "scroll", "hidden"].includes(getComputedStyle(a).overflowX)) return true;
      }
      return false;
    };
    const overflowX = document.documentElement.scrollWidth - window.innerWidth;
    if (overflowX > 1) problems.push("the page is " + overflowX + " px wider than the window");
    const visible = (el) => {
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      return style.visibility !== "hidden" && style.display !== "none" && Number(style.opacity) > 0 && rect.width > 0 && rect.height > 0;
    };
    for (const selector of containers) {
      for (const box of document.querySelectorAll(selector)) {
        if (!visible(box)) continue;
        const outer = box.getBoundingClientRect();
        const wide = box.scrollWidth - box.clientWidth, tall = box.scrollHeight - box.clientHeight;
        if (wide > 1) problems.push(describe(box) + ": content " + wide + " px wider than the box");
        if (tall > 1 && getComputedStyle(box).overflowY === "hidden") problems.push(describe(box) + ": content " + tall + " px taller than the box (clipped)");
        for (const child of box.querySelectorAll("svg, table, img, canvas")) {
          const r = child.getBoundingClientRect();
          if (!visible(child) || scrollsWithin(child, box)) continue;
          const out = Math.max(outer.left - r.left, r.right - outer.right, outer.top - r.top, r.bottom - outer.bottom);
          if (out > 2) problems.push(describe(box) + ": a " + child.tagName.toLowerCase() + " sticks out by " + Math.round(out) + " px");
        }
      }
    }
    // A number cut short ("−722,2 tn…") is a wrong number.
    for (const cell of document.querySelectorAll("td.num, td[style*='right']")) {
      if (visible(cell) && cell.scrollWidth > cell.clientWidth + 1) problems.push('the number "' + cell.textContent.trim() + '" is cut short');
    }
    // Sparklines are small by design: they have no plot area to read values from.
    for (const svg of document.querySelectorAll("figure.vl-chart:not([data-kind=sparkline]) svg")) {
      const title = svg.closest("figure")?.getAttribute("aria-label") ?? svg.querySelector(".role-title-text")?.textContent ?? "a chart";
      // a chart drawn without width or height in a figure that is shown (a fit the spec cannot take)
      const drawn = svg.getBoundingClientRect();
      if (visible(svg.closest("figure")) && (drawn.width < 1 || drawn.height < 1)) {
        problems.push(title + ": drawn " + Math.round(drawn.width) + " × " + Math.round(drawn.height) + " px");
      }
      if (!visible(svg)) continue;
      // The plot area: the root view's background for a single or layered view; for a concatenated or faceted
      // chart (root of zero size) each cell's. (Stacked bars and legend entries are groups too, but nested.)
      const root = svg.querySelector("g.role-frame.root > g > path.background")?.getBoundingClientRect();
      const cells = [...svg.querySelectorAll("g.role-frame.root > g > g > g.role-scope > g > path.background")]
        .map((p) => p.getBoundingClientRect())
        .filter((r) => r.width > 0);
      const plots = root && root.height > 0 ? [root] : cells;
      for (const r of plots) {
        if (r.height < minPlotHeight) problems.push(title + ": plot area " + Math.round(r.height) + " px high (under " + minPlotHeight + ")");
      }
      const labels = [...svg.querySelectorAll(".role-axis-label text, .role-legend-label text, .role-axis-title text, .role-legend-title text, .role-title text")]
        .filter((t) => t.textContent.trim() && visible(t) && Number(getComputedStyle(t).fillOpacity ?? 1) > 0 && t.getAttribute("opacity") !== "0")
        // a slanted label's box is not its outline: two slanted neighbours' boxes overlap while the text does not
        .filter((t) => {
          const transform = t.getAttribute("transform") ?? "";
          const at = transform.indexOf("rotate(");
          return at < 0 || parseFloat(transform.slice(at + 7)) % 90 === 0;
        })
        .map((t) => ({text: t.textContent.trim(), r: t.getBoundingClientRect()}));
      for (let i = 0; i < labels.length; i++) {
        for (let j = i + 1; j < labels.length; j++) {
          const a = labels[i].r, b = labels[j].r;
          const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (w > 2 && h > 2) problems.push(title + ': labels "' + labels[i].text + '" and "' + labels[j].text + '" overlap');
        }
      }
      const box = svg.getBoundingClientRect();
      for (const t of svg.querySelectorAll("text")) {
        const r = t.getBoundingClientRect();
        if (!t.textContent.trim() || r.width === 0 || !visible(t)) continue;
        const out = Math.max(box.left - r.left, r.right - box.right, box.top - r.top, r.bottom - box.bottom);
        if (out > 2) problems.push(title + ': text "' + t.textContent.trim().slice(0, 30) + '" cut off by ' + Math.round(out) + " px");
      }
    }
    return problems;
  })()`;
  return (await page.evaluate(script)) as string[];
}
