declare module "vega-interpreter" { export const expressionInterpreter: any; }
