/**
 * Lists of one layout. V8 gives an array an elements kind (small integers, doubles, anything) that
 * its optimized code checks: an empty literal `[]`, or `map` over an empty list, has the layout of
 * a list of small integers, a list of strings or objects another, so code that met both was
 * thrown away and compiled again (issue 6, stop 42: `--trace-deopt` "wrong map"). And a count
 * over a list that stops as soon as it is reached (atLeast).
 */

/** A new empty list with the layout of a list of strings or objects. */
export function emptyList<T>(): T[] {
  return [undefined as T].slice(0, 0);
}

/** `list.map(f)`, with the layout of a list of strings or objects when `list` is empty too. */
export function mapList<T, U>(list: readonly T[], f: (item: T, index: number) => U): U[] {
  return list.length === 0 ? emptyList() : list.map(f);
}

/**
 * Whether at least `n` items of `list` satisfy `test`, tested in order until there are `n`: none is
 * tested when the list is shorter (the tests may be I/O: a cache entry's existence, pool.ts).
 */
export function atLeast<T>(list: readonly T[], n: number, test: (item: T) => boolean): boolean {
  if (list.length < n) return false;
  let count = 0;
  for (const item of list) if (test(item) && ++count >= n) return true;
  return n <= 0;
}
