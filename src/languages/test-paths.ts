/**
 * What counts as test code, for discovery (skipped unless `--include-tests`) and for the TS model
 * (the `test-file` fact rules read when tests are included). One definition, so the two agree.
 *
 * - Go: `_test.go` files, and `testdata/` directories, which the go tool never builds.
 * - TS/JS: `*.test.*` and `*.spec.*` files, and files under `__tests__/`, `__mocks__/`, `test/`,
 *   `tests/`, `spec/` or `testdata/` directories (Jest's and Mocha's default locations, and the
 *   directories test runners' assets live in).
 *
 * Go's `test/` and `tests/` directories are not skipped: they hold packages that build like any
 * other (end-to-end suites, but also tools and frameworks that ship).
 */
const GO_TEST = /(^|\/)testdata\/|_test\.go$/;
const TS_TEST = /(^|\/)(__tests__|__mocks__|test|tests|spec|testdata)\/|\.(test|spec)\.[cm]?[jt]sx?$/;

/** `rel`: a path relative to the project root, forward slashes. */
export function isTestPath(rel: string): boolean {
  return rel.endsWith('.go') ? GO_TEST.test(rel) : TS_TEST.test(rel);
}
