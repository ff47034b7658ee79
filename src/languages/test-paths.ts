/**
 * What counts as test code, for discovery (skipped unless `--include-tests`) and for the TS model
 * (the `test-file` fact rules read when tests are included). One definition, so the two agree.
 *
 * - Go: `_test.go` files, and `testdata/` directories, which the go tool never builds.
 * - TS/JS: `*.test.*` and `*.spec.*` files; files under `__tests__/`, `__mocks__/` or `testdata/`
 *   anywhere; and files under a package's `test/`, `tests/` or `spec/` directory (Mocha's and
 *   Playwright's default locations, with their helpers and assets). A package's: the directory
 *   holding it is the project root or has a package.json (`isPackageDir`), so a route at
 *   `app/api/test/route.ts` or `src/routes/test/` is still code. Without `isPackageDir` (the
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
  }
  return false;
}
