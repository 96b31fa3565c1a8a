/**
 * The one error a user sees when an extract can't be loaded: it names the file, the line and column where
 * known, the rule, and what to do. Printed without a stack trace by the loaders.
 */
export interface ExtractProblem {
  file: string;
  line?: number;
  column?: string;
  /** Stable rule id, documented in data/README.md (file_missing, column_missing, unknown_column, …). */
  rule: string;
  /** What is wrong, as the end of the sentence "<file>: …". */
  problem: string;
  /** What to do about it. */
  hint: string;
}

export class ExtractError extends Error {
  readonly file: string;
  readonly line?: number;
  readonly column?: string;
  readonly rule: string;
  readonly hint: string;

  constructor({file, line, column, rule, problem, hint}: ExtractProblem) {
    const where = [file, line !== undefined ? `line ${line}` : "", column ? `column "${column}"` : ""]
      .filter(Boolean)
      .join(", ");
    super(`${where}: ${problem} [${rule}]. ${hint.charAt(0).toUpperCase()}${hint.slice(1)}.`);
    this.name = "ExtractError";
    this.file = file;
    this.line = line;
    this.column = column;
    this.rule = rule;
    this.hint = hint;
  }
}
