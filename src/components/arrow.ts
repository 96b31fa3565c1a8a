/**
 * An Arrow file's rows as plain objects, for pages that only filter and read rows (the report and the sales
 * meeting): the Arrow decoder alone, not all of Arquero, so that these pages stay light.
 */
import {tableFromIPC} from "@uwdata/flechette";

/**
 * The rows of an Arrow file's bytes, dates as Date objects as Arquero reads them. Pass
 * `await FileAttachment(name).arrayBuffer()`: a FileAttachment not followed by a method is read with Framework's
 * own Arrow library, from a CDN.
 */
export function arrowRows<T = Record<string, unknown>>(bytes: ArrayBuffer): T[] {
  return tableFromIPC(new Uint8Array(bytes), {useDate: true}).toArray() as T[];
}
