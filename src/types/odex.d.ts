// odex 2.0.4 ships no type declarations (only its TypeScript source, which does not compile under
// strict); tsconfig maps "odex" here. These cover what live-plot uses.
export declare enum Outcome {
  Converged = 0,
  MaxStepsExceeded = 1,
  EarlyReturn = 2,
}

/** Dense output: the solution's component `i` at any `t` inside the step just taken. */
export type Interpolator = (i: number, t: number) => number;

/** Called after each accepted step with the step's interval and y(x). Return false to stop early. */
export type SolutionObserver = (n: number, xOld: number, x: number, y: number[], interpolate: Interpolator | false) => boolean | void;

export type Derivative = (x: number, y: number[]) => number[];

export interface Solution {
  y: number[];
  outcome: Outcome;
  nStep: number;
  xEnd: number;
  nAccept: number;
  nReject: number;
  nEval: number;
}

/** Hairer and Wanner's GBS extrapolation (ODEX), for non-stiff systems. */
export declare class Solver {
  constructor(n: number);
  n: number;
  maxSteps: number;
  initialStepSize: number;
  maxStepSize: number;
  denseOutput: boolean;
  absoluteTolerance: number | number[];
  relativeTolerance: number | number[];
  solve(f: Derivative, x: number, y0: number[], xEnd: number, solOut?: SolutionObserver): Solution;
}
