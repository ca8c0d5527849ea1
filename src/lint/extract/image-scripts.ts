// Scripts a Dockerfile runs while it builds the image: `COPY build_scripts/compress_build.sh
// /builddeps/` then `RUN bash /builddeps/compress_build.sh`. Such a script changes a fresh image
// layer, like the RUN that calls it, so it is judged as an image build. Pure: Dockerfile text in,
// repository paths (relative to the linted folder) out; the caller keeps those that exist.

import { posix } from 'node:path';
import { extractInvocations } from '../../parse/invocations.js';
import { matchesGlobExactly } from '../../util/glob.js';
import { LineIndex } from '../positions.js';
import { envEntries, readInstructions, runCommand } from './dockerfile.js';

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'source', '.']);

export interface CopyMapping {
  /** Repository path of the source (file or folder), relative to the linted folder. */
  from: string;
  /** Path inside the image. */
  to: string;
  /** The destination is a folder the sources go into (`/builddeps/`, or several sources). */
  into: boolean;
}

/** Words of a COPY/ADD instruction, flags (`--chown=…`, `--from=…`) left out; JSON form read. */
function copyWords(text: string): { words: string[]; fromStage: boolean } {
  const trimmed = text.trim();
  let words: string[];
  if (trimmed.startsWith('[')) {
    try {
      const parsed = JSON.parse(trimmed) as unknown;
      words = Array.isArray(parsed) ? parsed.filter((w): w is string => typeof w === 'string') : [];
    } catch {
      words = trimmed.split(/\s+/);
    }
  } else words = trimmed.split(/\s+/).filter(Boolean);
  const fromStage = words.some((w) => w.startsWith('--from='));
  return { words: words.filter((w) => !w.startsWith('--')), fromStage };
}

/** Paths a command line executes as a script: `bash X`, `sh -e X`, `. X`, `/x/y.sh`. */
function executedPaths(source: string, cwd: string, env: Readonly<Record<string, string>> = {}): string[] {
  const { invocations } = extractInvocations(source, { env: { ...env }, cwd, home: '/root', envUnknown: true });
  const paths: string[] = [];
  for (const inv of invocations) {
    if (SHELLS.has(inv.name)) {
      const script = inv.args.find((arg) => !arg.value.startsWith('-') && !arg.dynamic);
      // `sh -c '…'` is walked as commands already; only a file argument is a script.
      if (script && !inv.args.some((arg) => arg.value === '-c')) paths.push(script.value);
    } else if (inv.command.value.includes('/') && !inv.command.dynamic) paths.push(inv.command.value);
  }
  return paths.map((path) => posix.resolve(cwd, path));
}

/** Repository paths of the scripts the Dockerfile at `dockerfilePath` runs during its build.
 *  The build context is taken to be the Dockerfile's folder and, failing that, the root. */
export function imageBuildScripts(text: string, dockerfilePath: string): string[] {
  return readImage(text, dockerfilePath).built;
}

export interface ContainerStart {
  /** Repository paths of the scripts the image's ENTRYPOINT or CMD runs when a container starts. */
  scripts: string[];
  /** Folders the image declares as volumes (VOLUME): what lives there outlasts the container. */
  volumes: string[];
  /** What each stage COPYs in from the repository (files, folders, globs), with the stage's ENV:
   *  see shippedScripts. */
  shipped: { sources: string[]; env: Record<string, string> }[];
  /** The image's COPY/ADD mappings and build context, to map image paths back (startedBy). */
  copies: readonly CopyMapping[];
  contextDir: string;
  /** The ENV of the image's last stage: what its scripts see where the file does not set it
   *  (sameersbn/docker-postgresql's entrypoint sources `${PG_APP_HOME}/functions`). */
  env: Readonly<Record<string, string>>;
}

/** Repository paths of the image's scripts that `text` (shell run in the image: a start script,
 *  a supervisord program's command) runs or sources by their image path. */
export function startedBy(text: string, start: ContainerStart): string[] {
  return repositoryPaths(executedPaths(text, '/', start.env), start.copies, start.contextDir);
}

/** Repository paths (files, folders, globs) the image copies to `/etc/supervisor*`: supervisord's
 *  configuration, whose programs (startedBy of supervisordCommands) run when it starts. */
export function supervisorSources(start: ContainerStart): string[] {
  return start.copies
    .filter((copy) => /^\/etc\/supervisor/.test(copy.to))
    .flatMap((copy) => [posix.join(start.contextDir, copy.from), posix.normalize(copy.from)]);
}

/** The `command=` of each `[program:x]` section of a supervisord configuration, one a line. */
export function supervisordCommands(text: string): string {
  const commands: string[] = [];
  let program = false;
  for (const line of text.split('\n')) {
    const section = /^\s*\[([^\]]+)\]/.exec(line);
    if (section) program = /^program:/.test(section[1]!.trim());
    const command = program ? /^\s*command\s*=\s*(.+)$/.exec(line) : null;
    if (command) commands.push(command[1]!.replace(/%\([^)]*\)s/g, 'x'));
  }
  return commands.join('\n');
}

/**
 * The scripts among `paths` (repository paths) that the image COPYs or ADDs in, each with the
 * ENV of the stage that ships it. A variable such a script uses and the image's ENV sets is set
 * where the script was written to run: wal-g's test images `ENV MYSQLDATA=/var/lib/mysql` and
 * ship test functions that `rm -rf "${MYSQLDATA}"/*` (the data directory, not an unset `/*`).
 * Whether the script also runs elsewhere is not known: only ENV is carried, not the container's
 * leniency for system folders (that is for the scripts it starts with).
 */
export function shippedScripts(start: ContainerStart, paths: Iterable<string>): Map<string, Record<string, string>> {
  const found = new Map<string, Record<string, string>>();
  for (const path of paths)
    for (const { sources, env } of start.shipped)
      if (
        sources.some(
          (source) =>
            path === source ||
            path.startsWith(`${source}/`) ||
            (/[*?]/.test(source) && (matchesGlobExactly(path, source) || matchesGlobExactly(path, `${source}/*`))),
        )
      )
        found.set(path, { ...env, ...found.get(path) });
  return found;
}

/** The scripts a container of the image starts with, and the image's volumes. Such a script
 *  changes the container's copy of the image (`chown -R app /etc /usr/bin` before dropping root),
 *  not a host's system; only its volumes hold data that outlives it. */
export function containerStartScripts(text: string, dockerfilePath: string): ContainerStart {
  const { started, volumes, shipped, copies } = readImage(text, dockerfilePath);
  return { scripts: started, volumes, shipped, copies, contextDir: posix.dirname(dockerfilePath), env: shipped.at(-1)?.env ?? {} };
}

function volumeWords(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    try {
      const parsed = JSON.parse(trimmed) as unknown;
      if (Array.isArray(parsed)) return parsed.filter((w): w is string => typeof w === 'string');
    } catch {
      /* shell form below */
    }
  }
  return trimmed.split(/\s+/).filter(Boolean);
}

function readImage(
  text: string,
  dockerfilePath: string,
): { built: string[]; started: string[]; volumes: string[]; shipped: ContainerStart['shipped']; copies: CopyMapping[] } {
  const contextDir = posix.dirname(dockerfilePath);
  const index = new LineIndex(text);
  const copies: CopyMapping[] = [];
  // Per stage: the repository sources it copies in and its ENV (a stage built FROM an earlier
  // one by name starts with that one's ENV).
  const shipped: ContainerStart['shipped'] = [];
  const stages = new Map<string, Record<string, string>>();
  let stage: ContainerStart['shipped'][number] | undefined;
  const executed: string[] = [];
  const volumes: string[] = [];
  // Every stage's ENTRYPOINT and CMD: a stage is an image of its own, and a later stage built
  // FROM it inherits them.
  const started: string[] = [];
  let workdir = '/';
  for (const ins of readInstructions(text)) {
    if (ins.keyword === 'FROM') {
      workdir = '/';
      const words = ins.args.text.trim().split(/\s+/);
      const base = words.find((word) => !word.startsWith('--'));
      const as = words.length >= 3 && words[words.length - 2]!.toLowerCase() === 'as' ? words[words.length - 1]! : undefined;
      stage = { sources: [], env: { ...(base ? stages.get(base.toLowerCase()) : undefined) } };
      shipped.push(stage);
      if (as) stages.set(as.toLowerCase(), stage.env);
    } else if (ins.keyword === 'ENV' && stage) {
      // Docker substitutes earlier ENV values (`ENV B=$A/x`); a value left with a `$` is not known.
      const env = stage.env;
      for (const entry of envEntries(ins.args, index)) {
        const value = entry.value
          .replace(/^(["'])(.*)\1$/, '$2')
          .replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g, (m, a?: string, b?: string) => env[(a ?? b)!] ?? m);
        // `ENV POSTGRES_HOST ''` is the image's way to say "give it at docker run": not known here.
        if (value.includes('$') || value === '') delete env[entry.key];
        else env[entry.key] = value;
      }
    } else if (ins.keyword === 'WORKDIR') workdir = posix.resolve(workdir, ins.args.text.trim().replace(/^["']|["']$/g, ''));
    else if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
      const { words, fromStage } = copyWords(ins.args.text);
      if (fromStage || words.length < 2) continue;
      // Docker substitutes ENV and ARG in a destination (`COPY runtime/ ${PG_APP_HOME}/`).
      const env = stage?.env ?? {};
      const destination = words[words.length - 1]!.replace(
        /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g,
        (m, a?: string, b?: string) => env[(a ?? b)!] ?? m,
      );
      const dest = posix.resolve(workdir, destination);
      const sources = words.slice(0, -1);
      const into = sources.length > 1 || words[words.length - 1]!.endsWith('/');
      // `COPY shared/db/${DB_ENGINE}/ …`: a build argument can be any value (`--build-arg`), so
      // a variable in a source is a glob over the repository's folders.
      const globbed = sources.map((source) => source.replace(/\$(?:\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)/g, '*'));
      for (const source of globbed) copies.push({ from: posix.normalize(source.replace(/\/+$/, '')), to: dest, into });
      // The whole build context (`COPY . /app`) is the application, whose scripts also run
      // from a checkout: only what the Dockerfile names counts as shipped.
      for (const source of globbed) {
        const named = posix.normalize(source.replace(/\/+$/, ''));
        if (named === '.' || named.startsWith('..')) continue;
        for (const base of contextFolders(contextDir)) stage?.sources.push(posix.join(base, named));
      }
    } else if (ins.keyword === 'RUN') {
      const mapped = runCommand(ins, []);
      if (mapped) executed.push(...executedPaths(mapped.text, workdir));
    } else if (ins.keyword === 'ENTRYPOINT' || ins.keyword === 'CMD') {
      const mapped = runCommand(ins, []);
      if (mapped) started.push(...executedPaths(mapped.text, workdir));
    } else if (ins.keyword === 'VOLUME') {
      for (const word of volumeWords(ins.args.text)) if (word.startsWith('/')) volumes.push(posix.normalize(word.replace(/\/+$/, '')) || '/');
    }
  }
  return { built: repositoryPaths(executed, copies, contextDir), started: repositoryPaths(started, copies, contextDir), volumes, shipped, copies };
}

/** Folders the build context may be: the Dockerfile's own, each folder above it, the root.
 *  `docker build -f apache/Dockerfile .` from docker/production (bagisto's images) copies
 *  `shared/build-install.sh` from the folder above the Dockerfile's. */
function contextFolders(contextDir: string): string[] {
  const folders: string[] = [];
  for (let dir = posix.normalize(contextDir); dir !== '.' && dir !== '/' && dir !== ''; dir = posix.dirname(dir)) folders.push(dir);
  folders.push('.');
  return folders;
}

/** Repository paths that `paths` (some with globs from a COPY source) name among `files`. */
export function expandRepositoryPaths(paths: Iterable<string>, files: ReadonlySet<string>): string[] {
  const found = new Set<string>();
  for (const path of paths) {
    if (files.has(path)) found.add(path);
    else if (/[*?]/.test(path)) {
      const depth = path.split('/').length;
      for (const file of files) if (file.split('/').length === depth && matchesGlobExactly(file, path)) found.add(file);
    }
  }
  return [...found];
}

/** Where in the repository the image paths `paths` came from, through the COPY/ADD mappings. */
function repositoryPaths(paths: readonly string[], copies: readonly CopyMapping[], contextDir: string): string[] {
  const found = new Set<string>();
  for (const path of paths) {
    for (const copy of copies) {
      const to = copy.to.replace(/\/+$/, '') || '/';
      const candidates: string[] = [];
      if (path === to && !copy.into) candidates.push(copy.from);
      else if (path.startsWith(to === '/' ? '/' : `${to}/`)) {
        const rest = path.slice(to === '/' ? 1 : to.length + 1);
        // A file copied into a folder keeps its name; a folder's contents land under the destination.
        if (copy.into && rest === posix.basename(copy.from)) candidates.push(copy.from);
        // `COPY target/scripts/*.sh /usr/local/bin/`: each matching file, by its name.
        // A glob may also name folders, whose contents land under the destination
        // (`COPY shared/db/${DB_ENGINE}/ /usr/local/share/app/db/`).
        if (/[*?]/.test(posix.basename(copy.from)) && copy.into && !rest.includes('/') && matchesGlobExactly(rest, posix.basename(copy.from)))
          candidates.push(posix.join(posix.dirname(copy.from), rest));
        candidates.push(posix.join(copy.from, rest));
      }
      // A glob left in a candidate (`shared/db/*/engine.sh`) is matched against the repository's
      // files by the caller (expandRepositoryPaths).
      for (const candidate of candidates) {
        for (const base of contextFolders(contextDir)) found.add(posix.normalize(posix.join(base, candidate)));
      }
    }
  }
  return [...found];
}
