/** One route: what the renderer sends and what it gets back in `Result.data`. */
export interface Route<I, O> {
  input: I;
  output: O;
}
