/**
 * Keep a page's filter state in the URL's query string, so that a link reproduces the view.
 * Read once when the page loads (`urlParam`), written back whenever a filter changes (`setUrlParams`).
 */

/** The value of a query parameter if it is one of `allowed`, else `fallback`. */
export function urlParam<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const value = new URLSearchParams(location.search).get(name);
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** A free-form query parameter (e.g. a period), or `fallback`. */
export function urlText(name: string, fallback: string): string {
  return new URLSearchParams(location.search).get(name) ?? fallback;
}

/** Write parameters into the URL without reloading or adding history entries; empty values are removed. */
export function setUrlParams(params: Record<string, string | number | null | undefined>): void {
  const search = new URLSearchParams(location.search);
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === "") search.delete(key);
    else search.set(key, String(value));
  }
  const query = search.toString();
  history.replaceState(history.state, "", `${location.pathname}${query ? `?${query}` : ""}${location.hash}`);
}

/**
 * A choice that other cells react to, made by a click elsewhere (a bar, a point, a cell): an input for `view`.
 * `set` chooses; `toggle` chooses, or clears when the same thing is clicked again.
 */
export type Choice<T> = HTMLElement & {value: T | null; set(value: T | null): void; toggle(value: T): void};

/**
 * @example const drill = view(choice(urlText("segment", "") || null)); // in a chart's onSelect: drill.toggle("A")
 */
export function choice<T>(value: T | null): Choice<T> {
  const element = document.createElement("span") as unknown as Choice<T>;
  element.hidden = true;
  element.value = value;
  element.set = (next: T | null) => {
    element.value = next;
    element.dispatchEvent(new Event("input", {bubbles: true}));
  };
  element.toggle = (next: T) => element.set(JSON.stringify(next) === JSON.stringify(element.value) ? null : next);
  return element;
}
