/**
 * A problem the segmentation engine finds that the user can fix (a custom scheme whose SQL fails): its own
 * type, so that a caller can tell it from an extract problem, and still an ExtractError, so that every loader
 * prints it as one clear message without a stack trace.
 */
import {ExtractError, type ExtractProblem} from "../extract/errors.js";

export class EngineError extends ExtractError {
  constructor(problem: ExtractProblem) {
    super(problem);
    this.name = "EngineError";
  }
}
