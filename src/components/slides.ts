/**
 * A keyboard-driven slide deck for the sales meeting. Every slide is laid out once on a fixed 1920×1080 canvas
 * and scaled as a whole to the screen (letterboxed), so a slide that fits on the canvas fits any projector:
 * 1280×720, 1920×1080 and 3840×2160 show the same slide, never scrolled or clipped. ←/→, PageUp/PageDown and
 * Space step, Home/End jump, 1–9 go to a slide, Esc toggles the overview of slide thumbnails (the slides
 * themselves, scaled down), f goes full screen. The current slide is kept in the URL hash (#3).
 */
import {html} from "htl";

/** The slide canvas in CSS pixels; slide content (charts included) is sized for it. */
export const SLIDE = {width: 1920, height: 1080, padX: 80, padY: 56} as const;

/** Thumbnails per row in the overview. */
const THUMBS_PER_ROW = 3;

export function slideDeck(slides: readonly HTMLElement[]): HTMLElement {
  const counter = html`<div class="slide-counter" aria-live="polite"></div>` as HTMLElement;
  const deck = html`<div class="slide-deck" tabindex="0">${slides}${counter}</div>` as HTMLElement;

  function fit(): void {
    const scale = Math.min(innerWidth / SLIDE.width, innerHeight / SLIDE.height);
    deck.style.setProperty("--slide-scale", String(scale));
    deck.style.setProperty("--slide-left", `${(innerWidth - SLIDE.width * scale) / 2}px`);
    deck.style.setProperty("--slide-top", `${(innerHeight - SLIDE.height * scale) / 2}px`);
    // the deck's padding on both sides, a gap after each thumbnail, room for a scrollbar
    const gap = 24;
    const thumb = (innerWidth - 2 * gap - THUMBS_PER_ROW * gap - 24) / THUMBS_PER_ROW / SLIDE.width;
    deck.style.setProperty("--thumb-scale", String(Math.max(0.05, thumb)));
  }
  fit();
  addEventListener("resize", fit);
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
      removeEventListener("resize", fit);
      observer.disconnect();
    }
  });
  queueMicrotask(() => deck.parentNode && observer.observe(document.body, {childList: true, subtree: true}));
  show(current);
  return deck;
}
