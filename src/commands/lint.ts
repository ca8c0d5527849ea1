// `prodguard lint [PATHS…]`: the rules that guard a shell, run over a repository, so a dangerous
// step is caught in review. Exit 0 clean, 1 findings at or above --fail-on, 2 usage/config error.

import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { ConfigError, EXIT, ProdguardError, UsageError } from '../errors.js';
import { severityRank, type Severity } from '../types.js';
import { loadSetup } from './judge.js';
import { findRepositoryConfig } from '../config/load.js';
import { redact } from '../util/redact.js';
import { discoverFiles } from '../lint/discover.js';
import { ciRunScripts } from '../lint/ci-run-scripts.js';
import { lintFile, type LintContext } from '../lint/lint-file.js';
import type { ColumnType } from '../parse/sql/statement.js';
import {
  containerStartScripts,
  expandRepositoryPaths,
  imageBuildScripts,
  shippedScripts,
  startedBy,
  supervisordCommands,
  supervisorSources,
  type ContainerStart,
} from '../lint/extract/image-scripts.js';
import { matchesGlobExactly } from '../util/glob.js';
import { parseShell } from '../parse/shell.js';
import { packerBuildScripts } from '../lint/extract/packer.js';
import { applyBaseline, applySuppressions, compareFindings, createBaseline, parseBaseline, serializeBaseline } from '../lint/suppress.js';
import { applyRuleRegistry, ruleDocs } from '../lint/rules.js';
import { ruleHelp } from '../report/rule-doc.js';
import { BUILTIN_RULES_DIR } from '../rules/load.js';
import type { Rule } from '../rules/schema.js';
import type { LintFinding, LintNotice } from '../lint/types.js';
import { spawnSync } from 'node:child_process';
import { setFlagsFromString } from 'node:v8';

/**
 * `bash -n` over many texts at once: which of them does the shell itself accept? (Edge: runs
 * bash, never executes the texts.) One bash process checks every text from a temporary folder,
 * so a run pays one Node spawn — a fork of this whole process, ~30 ms of CPU — instead of one per
 * file the parser cannot read. A text with no answer (bash missing, timeout) counts as rejected.
 */
function bashAcceptsAll(texts: readonly string[]): boolean[] {
  if (texts.length === 0) return [];
  const dir = mkdtempSync(join(tmpdir(), 'prodguard-lint-'));
  try {
    texts.forEach((text, index) => writeFileSync(join(dir, `${index}.sh`), text));
    const check = 'for ((i = 0; i < $2; i++)); do if bash -n "$1/$i.sh" 2>/dev/null; then echo y; else echo n; fi; done';
    const result = spawnSync('bash', ['-c', check, 'bash', dir, String(texts.length)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: Math.min(5000 * texts.length, 120_000),
    });
    const answers = (result.stdout ?? '').split('\n');
    return texts.map((_, index) => answers[index] === 'y');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
import {
  defaultLintFormat,
  isLintReportFormat,
  lintReporters,
  shouldColor,
  LINT_REPORT_FORMATS,
  type LintReportFormat,
  type RuleDoc,
} from '../report/lint-reporters.js';
import type { LintFailure } from '../report/lint-options.js';
import { needsMongoParser, needsSqlParser, sqlFactsFor, type MigrationTables } from '../engine/sql-facts.js';
import { readTextFile } from './sql-facts.js';

export interface LintOptions {
  format?: string;
  failOn?: string;
  baseline?: string;
  writeBaseline?: string;
  config?: string;
  exclude?: string[];
}

const FAIL_ON: readonly Severity[] = ['warn', 'confirm', 'block'];

/** Why a file operation failed, in words (`no such file or directory`), without a stack. */
function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const known: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EISDIR: 'it is a directory',
    EIO: 'input/output error',
    ENOTDIR: 'a part of the path is not a directory',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on the device',
  };
  if (code && known[code]) return known[code]!;
  return code ?? (error instanceof Error ? error.message.split('\n')[0]! : String(error));
}

/** A file that cannot be read: the error names it, so SARIF can point at it. */
class UnreadableFileError extends UsageError {
  constructor(
    readonly file: string,
    message: string,
    hint: string,
  ) {
    super(message, hint);
  }
}

/**
 * The repository's shell scripts a container of the image starts with: its ENTRYPOINT/CMD
 * scripts, the programs of the supervisord configuration it ships (docker-mailserver's
 * `command=/usr/local/bin/start-mailserver.sh`), and what those source or run by image path
 * (`source /usr/local/bin/helpers/index.sh`), a few levels deep. Edge: reads the supervisord files.
 */
function containerStarted(start: ContainerStart, cwd: string, linted: ReadonlySet<string>, shellTexts: ReadonlyMap<string, string>): string[] {
  const queue = expandRepositoryPaths(start.scripts, linted);
  for (const source of supervisorSources(start)) {
    const glob = /[*?]/.test(source);
    const dir = glob ? posix.dirname(source) : source;
    let names: string[] = [];
    try {
      names = readdirSync(resolve(cwd, dir)).map((name) => posix.join(dir, name));
    } catch {
      names = glob ? [] : [source];
    }
    for (const path of names.filter((name) => !glob || matchesGlobExactly(name, source))) {
      const text = readOtherFile(cwd, path);
      if (text) queue.push(...expandRepositoryPaths(startedBy(supervisordCommands(text), start), linted));
    }
  }
  const found = new Set<string>();
  for (let depth = 0; depth < 4 && queue.length > 0; depth++) {
    const next: string[] = [];
    for (const path of queue) {
      if (found.has(path) || !linted.has(path)) continue;
      found.add(path);
      const text = shellTexts.get(path);
      if (text !== undefined) next.push(...expandRepositoryPaths(startedBy(text, start), linted));
    }
    queue.splice(0, queue.length, ...next);
  }
  return [...found];
}

/**
 * The shell files that the build scripts `built` source or run by image path, a few levels deep
 * (the build scripts themselves left out), each with the files that reach it.
 */
function reachedFrom(
  built: readonly string[],
  image: ContainerStart,
  linted: ReadonlySet<string>,
  shellTexts: ReadonlyMap<string, string>,
): Map<string, string[]> {
  const reached = new Map<string, string[]>();
  const seen = new Set(built);
  let queue = [...built];
  for (let depth = 0; depth < 4 && queue.length > 0; depth++) {
    const next: string[] = [];
    for (const caller of queue) {
      const text = shellTexts.get(caller);
      if (text === undefined) continue;
      for (const path of expandRepositoryPaths(startedBy(text, image), linted)) {
        if (built.includes(path) || path === caller) continue;
        reached.set(path, [...(reached.get(path) ?? []), caller]);
        if (!seen.has(path)) next.push(path);
        seen.add(path);
      }
    }
    queue = next;
  }
  return reached;
}

/** Line ranges (1-based, inclusive) of the top-level functions of `library` that `build` texts
 *  call and no `start` text calls (a call is the function's name as a word). */
function buildOnlyFunctions(library: string, build: readonly string[], start: readonly string[]): [number, number][] {
  const calls = (texts: readonly string[], name: string) =>
    texts.some((text) => new RegExp(`(^|[^\\w-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w-])`, 'm').test(text));
  const { script } = parseShell(library);
  const ranges: [number, number][] = [];
  const lineOf = (offset: number) => library.slice(0, offset).split('\n').length;
  for (const statement of script.commands) {
    const node = statement.command;
    if (node?.type !== 'Function') continue;
    const name = node.name.value;
    if (calls(build, name) && !calls(start, name)) ranges.push([lineOf(statement.pos), lineOf(statement.end)]);
  }
  return ranges;
}

/** A file discovery found: one that cannot be read stops the lint (a skipped file is not clean). */
/** A file lint does not lint but reads for what it says of others: unreadable is nothing said. */
function readOtherFile(cwd: string, path: string): string | undefined {
  try {
    return readFileSync(resolve(cwd, path), 'utf8');
  } catch {
    return undefined;
  }
}

function readLintedFile(cwd: string, path: string): string {
  try {
    // Discovery's paths are normalized and relative to cwd: one inside it is joined, not resolved.
    const inside = sep === '/' && !isAbsolute(path) && path !== '..' && !path.startsWith('../');
    return readFileSync(inside ? `${cwd.endsWith('/') ? cwd : `${cwd}/`}${path}` : resolve(cwd, path), 'utf8');
  } catch (error) {
    throw new UnreadableFileError(path, `cannot read ${path}: ${reason(error)}`, 'make the file readable, or leave it out of the paths given to lint');
  }
}

/** The base URL the rule pages (docs/rules/ID.md) are under: PRODGUARD_DOCS_BASE_URL, else the build's. */
function docsBase(env: NodeJS.ProcessEnv): string | undefined {
  const configured = env.PRODGUARD_DOCS_BASE_URL?.trim();
  if (!configured) return process.env.PRODGUARD_DOCS_URL || undefined;
  if (!/^https?:\/\/[^\s/]+/.test(configured))
    throw new UsageError(
      `PRODGUARD_DOCS_BASE_URL "${configured}" is not an http(s) URL`,
      'set it to where docs/rules/ID.md are served from, e.g. https://github.com/OWNER/prodguard/blob/v0.1.0/',
    );
  return configured.endsWith('/') ? configured : `${configured}/`;
}

export async function runLint(paths: string[], options: LintOptions): Promise<number> {
  const format = options.format ?? defaultLintFormat(process.env);
  if (!isLintReportFormat(format)) throw new UsageError(`--format "${format}" is not one of ${LINT_REPORT_FORMATS.join(', ')}`, 'e.g. --format sarif');
  if (format !== 'sarif') return lint(paths, options, format);
  try {
    return await lint(paths, options, format);
  } catch (error) {
    // Code scanning reads the SARIF file, not stderr: the log says the run failed and why. The
    // error still goes on to the usual one line on stderr and its exit code.
    const failure: LintFailure =
      error instanceof ProdguardError
        ? { message: error.message, ...(error.hint ? { hint: error.hint } : {}), ...(error instanceof UnreadableFileError ? { file: error.file } : {}) }
        : { message: `internal error: ${error instanceof Error ? error.message.split('\n')[0]! : String(error)}` };
    process.stdout.write(lintReporters.sarif([], { toolVersion: process.env.PRODGUARD_VERSION ?? 'development', failure }));
    throw error;
  }
}

/**
 * A lint run is one pass over many files through a large engine whose hot functions see every
 * shape of word, invocation and rule (polymorphic): V8's optimizing compiler (TurboFan) spent
 * more CPU compiling them, and throwing the code away again, than its code saved. Measured on
 * the 150 /usr/bin scripts: 4.5 s of CPU with it, about 2 s without (the baseline compiler,
 * Sparkplug, is then the top tier); warmed up, the two run at the same speed. Set before any file
 * is read; WebAssembly (PostgreSQL's parser) tiers up on its own flags and is unaffected.
 */
function withoutOptimizingCompiler(): void {
  setFlagsFromString('--no-turbofan');
  // A V8 code cache carries a hash of the flags in force (see src/parse/sql/load.ts): put the
  // default back before the launcher saves its cache at exit, or the next `check` rejects it.
  process.prependOnceListener('exit', () => setFlagsFromString('--turbofan'));
}

async function lint(paths: string[], options: LintOptions, format: LintReportFormat): Promise<number> {
  withoutOptimizingCompiler();
  const failOn = (options.failOn ?? 'warn') as Severity;
  if (!FAIL_ON.includes(failOn)) throw new UsageError(`--fail-on "${options.failOn}" is not one of ${FAIL_ON.join(', ')}`, 'e.g. --fail-on confirm');

  const cwd = process.cwd();
  // The repository being linted brings its own `.prodguard.yml`: found upward from the one folder
  // named (`prodguard lint ../other-repo`), else from the working directory.
  const configFrom = paths.length === 1 ? folderOf(resolve(cwd, paths[0]!)) : cwd;
  const { config, rules } = await loadSetup({ ...(options.config ? { configFile: options.config } : {}), cwd: configFrom, env: process.env });
  // A config that does not load (or a part of it) is never silently ignored: one line each on
  // stderr, and a notice in JSON and SARIF, while lint runs with the rest.
  const configNotices = config.ignored.map((line) => configNotice(line, cwd, configFrom));
  for (const notice of configNotices) process.stderr.write(`prodguard: ${redact(notice.message)}\n`);
  /** Rule ids a suppression may name (built-in, packs and the config's own rules). */
  const ruleIds: ReadonlySet<string> = new Set(rules.map((rule) => rule.id));
  let files;
  // YAML files that are no lint format: Jenkins Job Builder definitions among them name scripts.
  const otherYaml: string[] = [];
  const discover = (ignore: readonly string[], others?: string[]) =>
    discoverFiles(
      paths.length > 0 ? paths : ['.'],
      cwd,
      { ignore: [...ignore, ...(options.exclude ?? [])], migrations: config.lint?.sql.migrations ?? [] },
      others,
    );
  try {
    files = await discover(config.lint?.ignore ?? [], otherYaml);
  } catch (error) {
    const missing = (error as { path?: string }).path;
    throw new UsageError(`${missing ?? 'a path'} does not exist`, 'give files or folders inside the repository');
  }
  // An untrusted repository config's `lint.ignore` applies (CI lints with it, untrusted), but
  // what it leaves out is said once: a file it hides is a file nobody checked (issue 9).
  const untrustedIgnore = config.untrustedLintIgnore ?? [];
  if (untrustedIgnore.length > 0) {
    const fromUntrusted = new Set(untrustedIgnore.flatMap((entry) => entry.globs));
    const linted = new Set(files.map((file) => file.path));
    const hidden = (await discover((config.lint?.ignore ?? []).filter((glob) => !fromUntrusted.has(glob)))).filter((file) => !linted.has(file.path));
    if (hidden.length > 0) {
      const shown = hidden.slice(0, 5).map((file) => file.path);
      const line = `${untrustedIgnore.map((entry) => entry.file).join(', ')}: lint.ignore (${[...fromUntrusted].join(', ')}) left out ${hidden.length} file(s) from lint: ${shown.join(', ')}${hidden.length > shown.length ? ', …' : ''} (the config is not trusted; its lint.ignore still applies: review it, or run "prodguard trust" to accept it)`;
      const notice = configNotice(line, cwd, configFrom);
      configNotices.push(notice);
      process.stderr.write(`prodguard: ${redact(notice.message)}\n`);
    }
  }

  // PostgreSQL's parser (and acorn for mongosh) load only when a file runs SQL: files are linted
  // without them first, and a file whose commands turn out to run SQL is linted again after.
  const texts = files.map((file) => ({ file, text: readLintedFile(cwd, file.path) }));
  // A SQL file needs PostgreSQL's parser only; acorn (for mongosh scripts in shell) is an ES
  // module, and the first import() of a process starts Node's ESM loader (~30 ms of CPU), so it
  // loads only when a file's commands need it: a run of migrations never pays for it.
  let sqlParserLoaded = false;
  let parsersLoaded = false;
  const loadSql = async () => {
    if (sqlParserLoaded) return;
    await (await import('../parse/sql/load.js')).loadSqlParser();
    sqlParserLoaded = true;
  };
  const loadParsers = async () => {
    if (parsersLoaded) return;
    const { loadMongoParser } = await import('../parse/sql/mongo.js');
    await Promise.all([loadSql(), loadMongoParser()]);
    parsersLoaded = true;
  };
  if (files.some((file) => file.format === 'sql')) await loadSql();
  // Groovy's parser (WebAssembly) loads only when there is a Jenkinsfile to read.
  if (files.some((file) => file.format === 'jenkinsfile')) await (await import('../lint/groovy/parser.js')).loadGroovyParser();
  // HCL's parser (WebAssembly) loads only when there is a Packer template to read.
  if (files.some((file) => file.format === 'packer')) await (await import('../lint/hcl/parser.js')).loadHclParser();
  // Scripts a Dockerfile runs during its build, or a Packer template on the machine it images,
  // are image builds too (a fresh layer or machine, no live data).
  const linted = new Set(files.map((file) => file.path));
  const shellTexts = new Map(texts.filter(({ file }) => file.format === 'shell').map(({ file, text }) => [file.path, text]));
  const imageBuildFiles = new Set([
    ...texts.filter(({ file }) => file.format === 'dockerfile').flatMap(({ file, text }) => expandRepositoryPaths(imageBuildScripts(text, file.path), linted)),
    ...texts.filter(({ file }) => file.format === 'packer').flatMap(({ file, text }) => packerBuildScripts(text, file.path, linted)),
  ]);
  // Scripts a container starts with (ENTRYPOINT, CMD), with the volumes of their image.
  // Scripts an image COPYs in see its ENV where they use it (image-scripts.ts shippedScripts).
  const containerStartFiles = new Map<string, string[]>();
  const imageEnv = new Map<string, Record<string, string>>();
  const shellFiles = files.filter((file) => file.format === 'shell').map((file) => file.path);
  // What the build scripts source or run by image path (`source /usr/local/share/app/db/engine.sh`):
  // each such file with the scripts that reach it, to tell the functions only a build calls.
  const builtLibraries = new Map<string, { build: string[]; start: string[] }>();
  for (const { file, text } of texts) {
    if (file.format !== 'dockerfile') continue;
    const start = containerStartScripts(text, file.path);
    const shipped = shippedScripts(start, shellFiles);
    const started = containerStarted(start, cwd, linted, shellTexts);
    for (const path of started) containerStartFiles.set(path, [...(containerStartFiles.get(path) ?? []), ...start.volumes]);
    for (const [path, env] of shipped) imageEnv.set(path, { ...env, ...imageEnv.get(path) });
    const built = expandRepositoryPaths(imageBuildScripts(text, file.path), linted);
    for (const [library, callers] of reachedFrom(built, start, linted, shellTexts)) {
      const entry = builtLibraries.get(library) ?? { build: [], start: [] };
      entry.build.push(...callers);
      entry.start.push(
        ...started.filter((caller) => caller !== library && expandRepositoryPaths(startedBy(shellTexts.get(caller) ?? '', start), linted).includes(library)),
      );
      builtLibraries.set(library, entry);
    }
  }
  // A file only build scripts reach is an image build as a whole; one a container's start scripts
  // also source is so only in the functions the build calls and the start never does (bagisto's
  // db/engine.sh: db_build_init empties /var/lib/mysql before the image's own initdb).
  const imageBuildLines = new Map<string, [number, number][]>();
  for (const [library, { build, start }] of builtLibraries) {
    if (imageBuildFiles.has(library)) continue;
    if (!containerStartFiles.has(library)) {
      imageBuildFiles.add(library);
      continue;
    }
    const ranges = buildOnlyFunctions(
      shellTexts.get(library) ?? '',
      build.map((path) => shellTexts.get(path) ?? ''),
      start.map((path) => shellTexts.get(path) ?? ''),
    );
    if (ranges.length > 0) imageBuildLines.set(library, ranges);
  }
  // Scripts a CI runs (named by a CI file or included by a Jenkins Job Builder definition): the
  // variables that CI sets for every job are set there.
  const ciRunFiles = ciRunScripts(
    texts.map(({ file, text }) => ({ path: file.path, format: file.format, text })),
    otherYaml.map((path) => ({ path, text: readOtherFile(cwd, path) })),
    new Set(files.filter((file) => file.format === 'shell').map((file) => file.path)),
  );
  let needsParsers = false;
  let fileNotices: LintNotice[] = [];
  // What `bash -n` said of texts prodguard's parser cannot read. A text not answered yet is taken
  // as accepted (valid shell is why the parser is second-guessed); once one bash has answered all
  // of them (see bashAcceptsAll), only a file with a rejected text is linted again.
  const shellAnswers = new Map<string, boolean>();
  let unanswered: string[] = [];
  const shellAccepts = (text: string): boolean => {
    const answer = shellAnswers.get(text);
    if (answer === undefined) unanswered.push(text);
    return answer ?? true;
  };
  // Column types declared by the migrations linted so far, shared by every file of this run.
  const migrationColumns = new Map<string, Map<string, ColumnType>>();
  const migrationCopies = new Map<string, Set<string>>();
  const migrationRetired = new Map<string, Set<string>>();
  const migrationSplits = new Map<string, { migration: string; copies: Set<string> }>();
  const migrationTables = new Map<string, MigrationTables>();
  const context = (): LintContext => ({
    migrationColumns,
    migrationCopies,
    migrationRetired,
    migrationSplits,
    migrationTables,
    shellAccepts,
    imageBuildFiles,
    imageBuildLines,
    containerStartFiles,
    imageEnv,
    ciRunFiles,
    notices: (fileNotices = []),
    rules,
    config,
    root: cwd,
    sqlParserLoaded,
    sqlFor: (invocations) => {
      if (!parsersLoaded) {
        if (needsSqlParser(invocations) || needsMongoParser(invocations)) needsParsers = true;
        return new Map();
      }
      return sqlFactsFor(invocations, readTextFile);
    },
  });

  const lintOne = async ({ file, text }: { file: (typeof files)[number]; text: string }) => {
    needsParsers = false;
    let fileFindings = lintFile(file, text, context());
    if (needsParsers) {
      await loadParsers();
      fileFindings = lintFile(file, text, context());
    }
    // One notice per file that was not fully checked.
    return { notice: fileNotices[0], findings: applyRuleRegistry(applySuppressions(file.path, text, fileFindings, ruleIds), rules, config) };
  };
  const results: Awaited<ReturnType<typeof lintOne>>[] = [];
  const waiting = new Map<number, string[]>();
  const progress = lintProgress(texts.length, process.stderr, process.env);
  // Migrations run in version order (Flyway's V8__ before V12__): files are linted in that order,
  // so the column types and copies a history carries come from the files before; the report
  // keeps path order.
  const order = [...texts.keys()].sort((a, b) => compareVersioned(texts[a]!.file.path, texts[b]!.file.path));
  for (const index of order) {
    const entry = texts[index]!;
    progress.tick(entry.file.path);
    unanswered = [];
    results[index] = await lintOne(entry);
    if (unanswered.length > 0) waiting.set(index, unanswered);
  }
  if (waiting.size > 0) {
    const asked = [...new Set([...waiting.values()].flat())];
    bashAcceptsAll(asked).forEach((accepted, index) => shellAnswers.set(asked[index]!, accepted));
    for (const [index, questions] of waiting) {
      if (questions.some((text) => shellAnswers.get(text) === false)) results[index] = await lintOne(texts[index]!);
    }
  }
  progress.done();
  const notices: LintNotice[] = results.flatMap((result) => (result.notice ? [result.notice] : []));
  const reported: LintNotice[] = [...configNotices, ...notices];
  let findings: LintFinding[] = results.flatMap((result) => result.findings);
  findings.sort(compareFindings);

  if (options.writeBaseline) {
    try {
      writeFileSync(resolve(cwd, options.writeBaseline), serializeBaseline(createBaseline(findings)));
    } catch (error) {
      throw new UsageError(
        `cannot write the baseline ${options.writeBaseline}: ${reason(error)}`,
        'give --write-baseline a file in a folder that exists and you can write to',
      );
    }
    process.stderr.write(`prodguard: wrote ${findings.length} finding(s) to ${options.writeBaseline}\n`);
    return EXIT.ok;
  }
  if (options.baseline) {
    const path = resolve(cwd, options.baseline);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new ConfigError(`cannot read the baseline ${options.baseline}: ${reason(error)}`, 'write one with --write-baseline FILE');
    }
    try {
      findings = applyBaseline(findings, parseBaseline(text, options.baseline)).findings;
    } catch (error) {
      throw new ConfigError((error as Error).message, 'write one with --write-baseline FILE');
    }
  }

  const docs: Record<string, RuleDoc> = ruleDocs(rules);
  if (format === 'sarif') {
    // Built-in rules have a page under docs/rules (user rules do not): embed it, and link it when
    // the pages have an address: PRODGUARD_DOCS_BASE_URL, else package.json's repository (the
    // build sets PRODGUARD_DOCS_URL from it). No address, no helpUri: none is made up.
    const base = docsBase(process.env);
    for (const rule of rules.filter(isBuiltinRule)) docs[rule.id] = { ...docs[rule.id], ...ruleHelp(rule, base) };
  }
  if (notices.length > 0 && format !== 'json') {
    const shown = notices
      .slice(0, 10)
      .map((n) => `${n.file}:${n.line}`)
      .join(', ');
    process.stderr.write(
      `prodguard: ${notices.length} file(s) not fully checked (valid shell prodguard's parser cannot read, templates, or scripts and SQL it cannot see): ${shown}${notices.length > 10 ? ', …' : ''}\n`,
    );
  }
  process.stdout.write(
    lintReporters[format](findings, {
      color: format === 'text' && shouldColor(process.env, Boolean(process.stdout.isTTY)),
      filesScanned: files.length,
      toolVersion: process.env.PRODGUARD_VERSION ?? 'development',
      rules: docs,
      notices: reported,
    }),
  );
  return findings.some((finding) => severityRank(finding.severity) >= severityRank(failOn)) ? 1 : EXIT.ok;
}

/** The folder a path names: itself, or the folder a file sits in (a missing path: the cwd's call). */
function folderOf(abs: string): string {
  try {
    return statSync(abs).isDirectory() ? abs : dirname(abs);
  } catch {
    return dirname(abs);
  }
}

/** One ignored part of the config as a notice on the file it names (`…/.prodguard.yml:3:1: …`),
 *  else on the repository config found from `from`. */
export function configNotice(line: string, cwd: string, from: string): LintNotice {
  const named = /(\/[^\s:]*\.ya?ml)(?::(\d+))?/.exec(line);
  const file = named?.[1] ?? findRepositoryConfig(from);
  return {
    file: file ? relative(cwd, file) || file : '.prodguard.yml',
    line: named?.[2] ? Number(named[2]) : 1,
    message: line,
    kind: 'config',
  };
}

/** Runs this long show a progress line: a short run would only flicker. */
const PROGRESS_AFTER_MS = 700;
const PROGRESS_EVERY_MS = 100;

/**
 * A progress line on stderr for long runs, on a terminal only (never in CI, a pipe or a file, so
 * reports and logs stay clean): `prodguard: 1,234/5,000 files  src/db/migrate/…`, redrawn in
 * place and erased when the run ends.
 */
export function lintProgress(
  total: number,
  stream: Pick<NodeJS.WriteStream, 'isTTY' | 'columns' | 'write'>,
  env: NodeJS.ProcessEnv,
  clock: () => number = Date.now,
): { tick(path: string): void; done(): void } {
  const quiet = { tick() {}, done() {} };
  if (!stream.isTTY || env.CI || env.TERM === 'dumb' || total < 2) return quiet;
  const started = clock();
  let shown = false;
  let last = 0;
  let count = 0;
  return {
    tick(path) {
      count++;
      const now = clock();
      if (now - started < PROGRESS_AFTER_MS || now - last < PROGRESS_EVERY_MS) return;
      last = now;
      shown = true;
      const width = Math.max(20, (stream.columns ?? 80) - 1);
      const head = `prodguard: ${count.toLocaleString('en')}/${total.toLocaleString('en')} files  `;
      const room = width - head.length;
      const name = path.length > room ? `…${path.slice(path.length - room + 1)}` : path;
      stream.write(`\r\x1b[K${head}${room > 1 ? name : ''}`);
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}

function isBuiltinRule(rule: Rule): boolean {
  return !rule.file || rule.file.startsWith(BUILTIN_RULES_DIR) || rule.file.startsWith('rules/');
}

/** Path order with runs of digits compared as numbers (`V8__a.sql` before `V12__b.sql`). */
export function compareVersioned(a: string, b: string): number {
  const pieces = (path: string) => path.match(/\d+|\D+/g) ?? [];
  const left = pieces(a);
  const right = pieces(b);
  for (let at = 0; at < Math.min(left.length, right.length); at++) {
    const x = left[at]!;
    const y = right[at]!;
    if (x === y) continue;
    const numeric = /^\d/.test(x) && /^\d/.test(y);
    if (numeric && Number(x) !== Number(y)) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return left.length - right.length;
}
