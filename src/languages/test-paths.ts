/**
 * What counts as test code, for discovery (skipped unless `--include-tests`) and for the TS model
 * (the `test-file` fact rules read when tests are included). One definition, so the two agree.
 *
 * - Go: `_test.go` files, and `testdata/` directories, which the go tool never builds.
 * - TS/JS: `*.test.*` and `*.spec.*` files; files under `__tests__/`, `__mocks__/` or `testdata/`
 *   anywhere; and files under a package's `test/`, `tests/` or `spec/` directory (Mocha's and
 *   Playwright's default locations, with their helpers and assets). A package's: the directory
 *   holding it is the project root or has a package.json (`isPackageDir`), so a route at
 *   `app/api/test/route.ts` or `src/routes/test/` is still code; or a `test/` or `tests/` that has
 *   a package.json of its own (an end-to-end harness). Without `isPackageDir` (the
 *   model, which sees no files) every such directory counts, as the model always counted them.
 *
 * Go's `test/` and `tests/` directories are not skipped: they hold packages that build like any
 * other (end-to-end suites, but also tools and frameworks that ship).
 */
const GO_TEST = /(^|\/)testdata\/|_test\.go$/;
const TS_TEST = /(^|\/)(__tests__|__mocks__|testdata)\/|\.(test|spec)\.[cm]?[jt]sx?$/;
const TS_TEST_DIR = /(?:^|\/)(?:test|tests|spec)(?=\/)/g;

/**
 * `rel`: a path relative to the project root, forward slashes. `isPackageDir(dir)`: whether `dir`
 * (relative to the root, `''` for the root itself) holds a package.json.
 */
export function isTestPath(rel: string, isPackageDir?: (dir: string) => boolean): boolean {
  if (rel.endsWith('.go')) return GO_TEST.test(rel);
  if (TS_TEST.test(rel)) return true;
  for (const m of rel.matchAll(TS_TEST_DIR)) {
    const parent = rel.slice(0, m.index);
    if (!isPackageDir || parent === '' || isPackageDir(parent)) return true;
    // a `test/` or `tests/` that is a package of its own (an end-to-end harness, overleaf's
    // server-ce/test); not a `spec/`, a name a package of schemas may have
    const dir = rel.slice(0, m.index + m[0].length).replace(/^\//, '');
    if (!dir.endsWith('spec') && isPackageDir(dir)) return true;
  }
  return false;
}

/** A Go parameter type from the `testing` package that only test code takes: `*testing.T`, `testing.TB`, `*testing.B`, `*testing.F`, `*testing.M`. */
const GO_TESTING_PARAM = /^\*?testing\.(T|TB|B|F|M)$/;

/**
 * A Go file's test helpers, by function index: the functions that take a `*testing.T`,
 * `testing.TB`, … (or are closures inside one). Only tests can call them, wherever their file is
 * (assertion helpers in a package of their own, built under a tag): their findings are test
 * code's, reported only with `--include-tests`.
 */
export function goTestHelpers(functions: readonly { parent: number; params: readonly { type: string }[] }[], file?: GoTestFileFacts): Set<number> {
  const out = new Set<number>();
  if (file && goTestPackageFile(file)) functions.forEach((_, i) => out.add(i));
  functions.forEach((fn, i) => {
    // a closure comes after the function enclosing it (summaries list functions in source order)
    if (fn.params.some((p) => GO_TESTING_PARAM.test(p.type)) || (fn.parent >= 0 && out.has(fn.parent))) out.add(i);
  });
  return out;
}

/** What goTestPackageFile reads of a Go file's summary. */
export interface GoTestFileFacts {
  packageName: string;
  imports: readonly { path: string }[];
}

/**
 * A file of a Go test-support package: one named like the standard library's `httptest` and
 * `iotest` (`cdctest`, `storetest`: a name ending in `test`) that imports `testing` or
 * `net/http/httptest`. Its servers and helpers run under tests only (rqlite's cdctest, whose
 * test endpoint prints every body it receives, is imported by _test.go files alone).
 */
export function goTestPackageFile(file: GoTestFileFacts): boolean {
  return /^[a-z0-9_]*test$/.test(file.packageName) && file.imports.some((i) => i.path === 'testing' || i.path === 'net/http/httptest');
}
