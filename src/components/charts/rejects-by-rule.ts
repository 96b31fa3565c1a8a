/**
 * Data quality: rejected rows per validation rule, one bar per rule, coloured by extract table.
 */
import type {TopLevelSpec} from "vega-lite";
import {COUNT, MONEY_EXACT} from "../format.js";
import {segmentScale} from "../palette.js";

export interface RuleRow {
  table_name: string;
  rule: string;
  rows: number;
  revenue: number;
}

export function rejectsByRule(rows: readonly RuleRow[], {width}: {width: number}): TopLevelSpec {
  const tables = [...new Set(rows.map((r) => r.table_name))].sort();
  return {
    width,
    height: Math.max(120, 28 * new Set(rows.map((r) => r.rule)).size),
    data: {values: rows as RuleRow[]},
    mark: {type: "bar", tooltip: true},
    encoding: {
      y: {field: "rule", type: "nominal", title: null, sort: "-x"},
      x: {field: "rows", type: "quantitative", title: "Rejected rows", stack: "zero", axis: {...COUNT}},
      color: {field: "table_name", title: "Extract table", scale: segmentScale(tables)},
      tooltip: [
        {field: "table_name", title: "Table"},
        {field: "rule", title: "Rule"},
        {field: "rows", title: "Rows", ...COUNT},
        {field: "revenue", title: "Revenue of rejected rows", ...MONEY_EXACT}
      ]
    }
  };
}
