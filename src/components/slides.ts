/**
 * A keyboard-driven slide deck for the sales meeting: one slide fills the screen (designed for 1920×1080,
 * scaled to fit), ←/→, PageUp/PageDown and Space step, Home/End jump, 1–9 go to a slide, Esc toggles the
 * overview of all slides. The current slide is kept in the URL hash (#3), so a reload stays put.
 */
import {html} from "htl";

export function slideDeck(slides: readonly HTMLElement[]): HTMLElement {
  const counter = html`<div class="slide-counter" aria-live="polite"></div>` as HTMLElement;
  const deck = html`<div class="slide-deck" tabindex="0">${slides}${counter}</div>` as HTMLElement;
  let current = clamp(Number(location.hash.slice(1)) || 1);
  let overview = false;

  function clamp(n: number): number {
    return Math.min(slides.length, Math.max(1, Math.floor(n)));
  }

  function show(n: number): void {
    current = clamp(n);
    overview = false;
    deck.classList.remove("overview");
    slides.forEach((slide, i) => slide.classList.toggle("current", i + 1 === current));
    counter.textContent = `${current} / ${slides.length}`;
    deck.dataset.slide = String(current);
    history.replaceState(history.state, "", `${location.pathname}${location.search}#${current}`);
  }

  function onKey(event: KeyboardEvent): void {
    if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement) return;
    const key = event.key;
    if (key === "ArrowRight" || key === "PageDown" || key === " ") show(current + 1);
    else if (key === "ArrowLeft" || key === "PageUp") show(current - 1);
    else if (key === "Home") show(1);
    else if (key === "End") show(slides.length);
    else if (/^[1-9]$/.test(key)) show(Number(key));
    else if (key === "Escape") {
      overview = !overview;
      deck.classList.toggle("overview", overview);
      if (document.fullscreenElement) void document.exitFullscreen();
    } else if (key === "f") void deck.requestFullscreen?.().catch(() => undefined);
    else return;
    event.preventDefault();
  }

  document.addEventListener("keydown", onKey);
  slides.forEach((slide, i) => slide.addEventListener("click", () => overview && show(i + 1)));
  // Stop listening when Framework replaces the cell (the page re-renders on a filter change).
  const observer = new MutationObserver(() => {
    if (!deck.isConnected) {
      document.removeEventListener("keydown", onKey);
      observer.disconnect();
    }
  });
  queueMicrotask(() => deck.parentNode && observer.observe(document.body, {childList: true, subtree: true}));
  show(current);
  return deck;
}
