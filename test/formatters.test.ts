/**
 * Every output format on the findings of fixtures/reports/: golden files (rewrite with
 * UPDATE_GOLDEN=1 and review the diff), the official SARIF and GitLab schemas, and the details
 * GitHub code scanning, the VS Code SARIF viewer, GitLab and GitHub Actions rely on.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import Ajv04Module from 'ajv-draft-04';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { rules } from '../rules/index.js';
import { loadConfig } from '../src/config/load.js';
import { scan } from '../src/engine/scan.js';
import { compareFindings, type Finding } from '../src/engine/findings.js';
import { engineRulesFor, governanceFindings } from '../src/engine/governance.js';
import { FORMATTERS, type ReportInput } from '../src/formatters/index.js';
import { escapeData, escapeProperty } from '../src/formatters/github.js';
import { REPO, FIXTURES } from './harness/fixtures.js';

const TREE = join(FIXTURES, 'reports');
const SCHEMAS = join(REPO, '..', 'shared', 'schemas');
const NO_SCHEMAS = `official schemas not found at ${SCHEMAS} (the shared folder next to the repository); schema validation skipped`;
/** a fixed, machine-independent project root, so goldens carry no absolute path of this machine */
const ROOT = '/project';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The fixture scanned the way the CLI does with --report-suppressed --require-reason --report-unused-suppressions. */
async function fixtureInput(extra: Partial<ReportInput> = {}): Promise<ReportInput> {
  const config = loadConfig({ cwd: TREE, rules, configPath: undefined });
  const result = await scan({ cwd: TREE, root: TREE, paths: ['.'], config, rules });
  const governance = { requireReason: true, reportUnused: true };
  return {
    findings: [...result.findings, ...governanceFindings(result.directives, governance)].sort(compareFindings),
    suppressed: result.suppressed,
    unusedSuppressions: result.unusedSuppressions,
    notices: result.notices,
    rules: result.rules,
    engineRules: engineRulesFor(governance),
    filesScanned: result.filesScanned,
    root: ROOT,
    cwd: ROOT,
    color: false,
    automationId: 'logvol/reports/',
    ...extra,
  };
}

function emptyInput(): ReportInput {
  const config = loadConfig({ cwd: TREE, rules, configPath: undefined });
  return {
    findings: [],
    suppressed: [],
    unusedSuppressions: [],
    notices: [],
    rules: rules.filter((r) => config.rules.has(r.meta.id)).sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1)),
    filesScanned: 3,
    root: ROOT,
    cwd: ROOT,
    color: false,
  };
}

function assertGolden(file: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN === '1') {
    writeFileSync(file, actual);
    return;
  }
  assert.ok(existsSync(file), `golden file ${file} is missing: run UPDATE_GOLDEN=1 npm test and review it`);
  assert.equal(actual, readFileSync(file, 'utf8'), `${file} differs: if the change is intended, run UPDATE_GOLDEN=1 npm test and review the diff`);
}

function sarifValidator(): ((data: unknown) => string[]) | undefined {
  const file = join(SCHEMAS, 'sarif-2.1.0.json');
  if (!existsSync(file)) return undefined;
  const Ajv04 = ((Ajv04Module as unknown as { default?: typeof Ajv04Module }).default ?? Ajv04Module) as unknown as new (o: object) => Ajv;
  const validate = new Ajv04({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(file, 'utf8')) as object);
  return (d) => (validate(d) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
}

function gitlabValidator(): ((data: unknown) => string[]) | undefined {
  const file = join(SCHEMAS, 'gitlab-codequality.schema.json');
  if (!existsSync(file)) return undefined;
  const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(file, 'utf8')) as object);
  return (d) => (validate(d) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
}

/**
 * The SARIF golden pins the report's layout, not the rules' documentation: the text taken from each
 * rule's README (fullDescription, help) is replaced by a marker, so editing a README does not
 * churn this file. The test below checks that text is present.
 */
function withoutReadmeText(sarifText: string, ruleIds: string[]): string {
  const log = JSON.parse(sarifText) as Json;
  for (const r of log.runs[0].tool.driver.rules as Json[]) {
    if (!ruleIds.includes(r.id)) continue;
    r.fullDescription = { text: `<rules/${r.id}/README.md>` };
    r.help = { text: `<rules/${r.id}/README.md>`, markdown: `<rules/${r.id}/README.md>` };
  }
  return `${JSON.stringify(log, null, 2)}\n`;
}

for (const format of Object.keys(FORMATTERS)) {
  test(`${format} output of fixtures/reports matches its golden file`, async () => {
    const input = await fixtureInput();
    let out = FORMATTERS[format]!(input);
    assert.ok(!out.includes(REPO), 'the report contains an absolute path of this machine');
    if (format === 'sarif') out = withoutReadmeText(out, input.rules.map((r) => r.meta.id));
    assertGolden(join(TREE, `report.${format}.golden`), out);
  });
}

test('the fixture exercises what the goldens are meant to pin', async () => {
  const input = await fixtureInput();
  const ids = new Set(input.findings.map((f) => f.ruleId));
  assert.ok(ids.has('context-print') && ids.has('logvol/suppression-reason') && ids.has('logvol/unused-suppression'), [...ids].join(', '));
  assert.ok(input.suppressed.length >= 2, 'two suppressed findings expected');
  assert.ok(input.findings.some((f) => f.path.includes(' ') && f.path.includes(',')), 'a finding in the file whose name has a space and a comma');
  const twins = input.findings.filter((f) => f.function === 'audit');
  assert.equal(twins.length, 2, 'two identical calls in audit()');
  assert.notEqual(twins[0]!.fingerprint, twins[1]!.fingerprint);
});

test('SARIF validates against the official 2.1.0 schema (findings, suppressed, clean, notices)', async (t) => {
  const validate = sarifValidator();
  if (!validate) return t.skip(NO_SCHEMAS);
  const inputs: [string, ReportInput][] = [
    ['fixture', await fixtureInput()],
    ['fixture without suppressed findings', await fixtureInput({ suppressed: [] })],
    ['clean run', emptyInput()],
    ['notices', { ...emptyInput(), notices: [{ path: 'bad.go', kind: 'parse', message: 'syntax error near line 3', line: 3 }, { path: 'big.go', kind: 'skip', message: 'skipped: too large' }] }],
  ];
  for (const [name, input] of inputs) assert.deepEqual(validate(JSON.parse(FORMATTERS.sarif!(input))), [], name);
});

test('SARIF carries what GitHub code scanning and the VS Code SARIF viewer rely on', async () => {
  const input = await fixtureInput();
  const log = JSON.parse(FORMATTERS.sarif!(input)) as Json;
  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs.length, 1);
  const run = log.runs[0] as Json;
  const driver = run.tool.driver as Json;
  for (const k of ['name', 'version', 'semanticVersion', 'informationUri']) assert.equal(typeof driver[k], 'string', k);
  // every enabled rule, then the engine checks that are on
  assert.deepEqual(
    driver.rules.map((r: Json) => r.id),
    [...input.rules.map((r) => r.meta.id), 'logvol/suppression-reason', 'logvol/unused-suppression'],
  );
  for (const r of driver.rules as Json[]) {
    assert.ok(r.shortDescription.text && r.fullDescription.text && r.help.text && r.help.markdown && r.helpUri, r.id);
    assert.match(r.defaultConfiguration.level, /^(error|warning|note)$/);
    assert.ok(Array.isArray(r.properties.tags) && typeof r.properties.precision === 'string', r.id);
  }
  assert.equal(run.columnKind, 'utf16CodeUnits');
  assert.equal(run.automationDetails.id, 'logvol/reports/');
  const root = run.originalUriBaseIds['%SRCROOT%'].uri as string;
  assert.equal(root, 'file:///project/', 'absolute file URI with a trailing slash');
  assert.equal(run.results.length, input.findings.length + input.suppressed.length);
  const hashes = new Set<string>();
  for (const res of run.results as Json[]) {
    assert.equal(driver.rules[res.ruleIndex].id, res.ruleId, 'ruleIndex points at the rule');
    const loc = res.locations[0].physicalLocation;
    assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
    assert.doesNotMatch(loc.artifactLocation.uri, /^([a-z]+:|\/|\.\/)/, 'relative URI');
    assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1 && loc.region.endColumn >= 1);
    const hash = res.partialFingerprints.primaryLocationLineHash as string;
    assert.match(hash, /^[0-9a-f]{32}$/);
    assert.ok(!hashes.has(hash), 'fingerprints are unique');
    hashes.add(hash);
  }
  const odd = (run.results as Json[]).find((r) => r.locations[0].physicalLocation.artifactLocation.uri.startsWith('internal/legacy/'));
  assert.equal(odd?.locations[0].physicalLocation.artifactLocation.uri, 'internal/legacy/orders%20v1%2C2.go');
  const suppressed = (run.results as Json[]).filter((r) => r.suppressions);
  assert.equal(suppressed.length, input.suppressed.length);
  for (const s of suppressed) assert.equal(s.suppressions[0].kind, 'inSource');
  assert.ok(suppressed.some((s) => s.suppressions[0].justification === 'debug endpoint, compiled out of release builds'));
});

test('SARIF leaves suppressed findings out unless asked, and a clean run has results: [] and every rule', () => {
  const clean = JSON.parse(FORMATTERS.sarif!(emptyInput())) as Json;
  assert.deepEqual(clean.runs[0].results, []);
  assert.deepEqual(
    clean.runs[0].tool.driver.rules.map((r: Json) => r.id),
    emptyInput().rules.map((r) => r.meta.id),
  );
  assert.ok(clean.runs[0].tool.driver.rules.length >= 1);
  assert.equal(clean.runs[0].automationDetails, undefined);
  assert.equal(clean.runs[0].invocations[0].executionSuccessful, true);
});

test('SARIF notices become tool execution notifications', () => {
  const input = { ...emptyInput(), notices: [{ path: 'bad.go', kind: 'parse' as const, message: 'syntax error near line 3', line: 3 }] };
  const inv = (JSON.parse(FORMATTERS.sarif!(input)) as Json).runs[0].invocations[0];
  assert.equal(inv.toolExecutionNotifications.length, 1);
  assert.equal(inv.toolExecutionNotifications[0].locations[0].physicalLocation.artifactLocation.uri, 'bad.go');
  assert.equal(inv.toolExecutionNotifications[0].locations[0].physicalLocation.region.startLine, 3);
});

test('GitLab Code Quality validates against the schema and follows the widget rules', async (t) => {
  const input = await fixtureInput();
  const issues = JSON.parse(FORMATTERS.gitlab!(input)) as Json[];
  assert.equal(issues.length, input.findings.length, 'suppressed findings are never in the Code Quality report');
  assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length, 'fingerprints are unique');
  for (const [n, i] of issues.entries()) {
    const f = input.findings[n]!;
    assert.equal(i.check_name, f.ruleId.startsWith('logvol/') ? f.ruleId : `logvol/${f.ruleId}`);
    assert.ok((i.description as string).startsWith(`${f.ruleId}: `), i.description);
    assert.equal(i.fingerprint, f.fingerprint);
    assert.equal(i.severity, { error: 'major', warning: 'minor', note: 'info' }[f.severity]);
    assert.doesNotMatch(i.location.path, /^(\/|\.\/)|\\/);
    assert.ok(Number.isInteger(i.location.lines.begin) && i.location.lines.end >= i.location.lines.begin);
  }
  // paths relative to the repository root (CI_PROJECT_DIR) when the project is a subdirectory of it
  const nested = JSON.parse(FORMATTERS.gitlab!({ ...input, root: '/builds/group/repo/services/orders', repositoryRoot: '/builds/group/repo' })) as Json[];
  assert.ok(nested.every((i) => (i.location.path as string).startsWith('services/orders/')), nested.map((i) => i.location.path).join(', '));
  assert.deepEqual(JSON.parse(FORMATTERS.gitlab!(emptyInput())), []);
  const validate = gitlabValidator();
  if (!validate) return t.skip(NO_SCHEMAS);
  assert.deepEqual(validate(issues), []);
  assert.deepEqual(validate(nested), []);
  assert.deepEqual(validate([]), []);
});

test('JUnit XML is well-formed, one suite per rule, one failing testcase per finding', async () => {
  const input = await fixtureInput();
  const xml = FORMATTERS.junit!(input);
  assert.equal(XMLValidator.validate(xml), true);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testsuite' || name === 'testcase' }).parse(xml) as Json;
  const suites = doc.testsuites.testsuite as Json[];
  assert.deepEqual(
    suites.map((s) => s.name),
    [...input.rules.map((r) => `logvol/${r.meta.id}`), 'logvol/suppression-reason', 'logvol/unused-suppression'],
  );
  const cases = suites.flatMap((s) => s.testcase as Json[]);
  assert.equal(cases.filter((c) => c.failure).length, input.findings.length);
  assert.equal(cases.filter((c) => c.skipped).length, input.suppressed.length);
  assert.equal(Number(doc.testsuites.failures), input.findings.length);
  const clean = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(FORMATTERS.junit!(emptyInput())) as Json;
  assert.equal(clean.testsuites.failures, '0');
  assert.ok(Number(clean.testsuites.tests) >= 1, 'a clean run still reports passing tests');
});

function syntheticFinding(over: Partial<Finding>): Finding {
  return {
    ruleId: 'context-print',
    severity: 'error',
    messageId: 'wholeContext',
    message: 'm',
    data: {},
    path: 'a.go',
    line: 3,
    column: 2,
    endLine: 3,
    endColumn: 10,
    fingerprint: 'f'.repeat(32),
    function: 'F',
    related: [],
    callText: 'x',
    ...over,
  };
}

test('JUnit escapes markup and strips characters XML forbids', () => {
  const nasty = 'a <b> & "c" \'d\' ]]> \u0001\u001b[31m \uD800 end';
  const xml = FORMATTERS.junit!({ ...emptyInput(), findings: [syntheticFinding({ message: nasty, path: 'dir/<x>&"y".go' })] });
  assert.equal(XMLValidator.validate(xml), true, xml);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', processEntities: true, htmlEntities: true, isArray: (n) => n === 'testsuite' || n === 'testcase' }).parse(xml) as Json;
  const tc = (doc.testsuites.testsuite as Json[]).flatMap((s) => s.testcase as Json[]).find((c) => c.failure)!;
  assert.equal(tc.file, 'dir/<x>&"y".go');
  assert.equal(tc.failure.message, 'a <b> & "c" \'d\' ]]> \uFFFD\uFFFD[31m \uFFFD end');
});

test('GitHub annotations: one workflow command per finding with escaped properties and data', async () => {
  const input = await fixtureInput();
  const lines = FORMATTERS.github!(input).trimEnd().split('\n');
  assert.equal(lines.length, input.findings.length);
  const re = /^::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+),title=(logvol\/[a-z-]+)::(.+)$/;
  for (const [i, l] of lines.entries()) {
    const m = re.exec(l);
    assert.ok(m, l);
    const f = input.findings[i]!;
    assert.equal(m[1], { error: 'error', warning: 'warning', note: 'notice' }[f.severity]);
    assert.deepEqual(m.slice(3, 7).map(Number), [f.line, f.column, f.endLine, f.endColumn]);
  }
  assert.ok(lines.some((l) => l.includes('file=internal/legacy/orders v1%2C2.go,')), 'comma in a property is escaped');
  const out = FORMATTERS.github!({ ...emptyInput(), findings: [syntheticFinding({ message: '50% of\r\nlines: a,b', path: 'x:y,z.go', severity: 'note' })] });
  assert.equal(out, '::notice file=x%3Ay%2Cz.go,line=3,col=2,endLine=3,endColumn=10,title=logvol/context-print::50%25 of%0D%0Alines: a,b\n');
  assert.equal(escapeData('%\r\n:,'), '%25%0D%0A:,');
  assert.equal(escapeProperty('%\r\n:,'), '%25%0D%0A%3A%2C');
  assert.equal(FORMATTERS.github!(emptyInput()), '');
});

test('text and json list suppressed findings in position order and json is the documented shape', async () => {
  const input = await fixtureInput();
  const j = JSON.parse(FORMATTERS.json!(input)) as Json;
  assert.equal(j.version, 1);
  const order = (j.findings as Json[]).map((f) => `${f.path}\u0000${String(f.line).padStart(6, '0')}`);
  assert.deepEqual(order, [...order].sort());
  assert.equal((j.findings as Json[]).filter((f) => f.suppression).length, input.suppressed.length);
});
