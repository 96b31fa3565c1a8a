// Type declarations for browser packages that ship none.
declare module "htl" {
  export function html(strings: TemplateStringsArray, ...values: unknown[]): HTMLElement;
  export function svg(strings: TemplateStringsArray, ...values: unknown[]): SVGElement;
}

declare module "vega-interpreter" {
  /** Vega's CSP-safe expression interpreter (no eval). */
  export const expressionInterpreter: object;
}

declare module "arquero/dist/arquero.js" {
  import * as aq from "arquero";
  export default aq;
}

declare module "@observablehq/inputs" {
  export function table(data: readonly object[], options?: Record<string, unknown>): HTMLElement;
  export function select(data: readonly unknown[], options?: Record<string, unknown>): HTMLElement;
  export function search(data: readonly object[], options?: Record<string, unknown>): HTMLElement;
  export function radio(data: readonly unknown[], options?: Record<string, unknown>): HTMLElement;
}
