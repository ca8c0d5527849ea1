// Knowledge, as data: which calls of each interpreted language run a shell line, run a program
// with an argument list, run more code of the same language, or delete files. A name is matched
// on the dotted call chain as written (`os.system`, `FileUtils.rm_rf`, `Kernel.system`); a bare
// name only where the language makes it unambiguous (Perl's `system`, PHP's `shell_exec`).

import { OPEN_FOR_WRITING, RM_FILE, RM_RECURSIVE, RMDIR, WRITE_FILE, type DeleteSpec } from './effects.js';

export type Language = 'python' | 'ruby' | 'perl' | 'php' | 'awk' | 'javascript' | 'lua' | 'powershell' | 'r' | 'julia' | 'tcl';

export interface SinkTable {
  /** The first argument is a shell line (`os.system("rm -rf /")`); a list argument is an argv. */
  shell: readonly string[];
  /** The arguments are a program and its arguments (`spawnSync('rm', ['-rf', '/'])`); one string is a shell line only with shell=True. */
  argv: readonly string[];
  /** The argument is more code in the same language (`exec("…")`, `eval "…"`). */
  code: readonly string[];
  /** Deletion calls on their first argument. */
  delete: Readonly<Record<string, DeleteSpec>>;
  /** Names distinctive enough to be the call on any receiver (`c.execSync(…)` after `import('child_process').then(c => …)`). */
  methods?: readonly string[];
}

const PYTHON: SinkTable = {
  shell: [
    'os.system',
    'system',
    'os.popen',
    'popen',
    'subprocess.getoutput',
    'subprocess.getstatusoutput',
    'getoutput',
    'getstatusoutput',
    'commands.getoutput',
    'os.popen2',
    'os.popen3',
    'pty.spawn',
  ],
  argv: [
    'subprocess.run',
    'subprocess.call',
    'subprocess.check_call',
    'subprocess.check_output',
    'subprocess.Popen',
    'check_call',
    'check_output',
    'Popen',
    // `from subprocess import run, call`: the bare names, as one-liners import them.
    'run',
    'call',
    'os.execvp',
    'os.execv',
    'os.spawnvp',
    'sh.Command',
  ],
  code: ['exec', 'eval', 'builtins.exec'],
  delete: {
    'shutil.rmtree': RM_RECURSIVE,
    rmtree: RM_RECURSIVE,
    'os.remove': RM_FILE,
    'os.unlink': RM_FILE,
    remove: RM_FILE,
    unlink: RM_FILE,
    'os.rmdir': RMDIR,
    'os.removedirs': RMDIR,
    'shutil.move': RM_FILE,
    'os.truncate': RM_FILE,
    open: OPEN_FOR_WRITING,
    'io.open': OPEN_FOR_WRITING,
  },
};

const RUBY: SinkTable = {
  shell: [
    'system',
    'Kernel.system',
    'exec',
    'Kernel.exec',
    'spawn',
    'Process.spawn',
    'IO.popen',
    'Open3.capture2',
    'Open3.capture2e',
    'Open3.capture3',
    'Open3.popen3',
    'Open3.popen2',
    'PTY.spawn',
    '%x',
    '`',
  ],
  argv: [],
  code: ['eval', 'instance_eval', 'Kernel.eval'],
  delete: {
    'FileUtils.rm_rf': RM_RECURSIVE,
    'File.write': WRITE_FILE,
    'IO.write': WRITE_FILE,
    'File.binwrite': WRITE_FILE,
    'IO.binwrite': WRITE_FILE,
    'File.open': OPEN_FOR_WRITING,
    'FileUtils.rm_r': RM_RECURSIVE,
    'FileUtils.remove_dir': RM_RECURSIVE,
    'FileUtils.remove_entry': RM_RECURSIVE,
    'FileUtils.remove_entry_secure': RM_RECURSIVE,
    'FileUtils.rmtree': RM_RECURSIVE,
    rm_rf: RM_RECURSIVE,
    rm_r: RM_RECURSIVE,
    'FileUtils.rm': RM_FILE,
    'FileUtils.rm_f': RM_FILE,
    'FileUtils.remove': RM_FILE,
    'File.delete': RM_FILE,
    'File.unlink': RM_FILE,
    'Dir.delete': RMDIR,
    'Dir.rmdir': RMDIR,
    'FileUtils.rmdir': RMDIR,
    'File.truncate': RM_FILE,
  },
};

const PERL: SinkTable = {
  shell: ['system', 'exec', 'qx', '`', 'readpipe', 'open'],
  argv: [],
  code: ['eval'],
  delete: {
    rmtree: RM_RECURSIVE,
    remove_tree: RM_RECURSIVE,
    'File.Path.rmtree': RM_RECURSIVE,
    'File.Path.remove_tree': RM_RECURSIVE,
    unlink: RM_FILE,
    rmdir: RMDIR,
    truncate: RM_FILE,
  },
};

const PHP: SinkTable = {
  shell: ['system', 'exec', 'shell_exec', 'passthru', 'popen', 'proc_open', '`', 'pcntl_exec'],
  argv: [],
  code: ['eval', 'assert'],
  delete: { unlink: RM_FILE, rmdir: RMDIR, 'File.deleteDirectory': RM_RECURSIVE, ftruncate: RM_FILE, file_put_contents: WRITE_FILE, fopen: OPEN_FOR_WRITING },
};

const AWK: SinkTable = {
  shell: ['system'],
  argv: [],
  code: [],
  delete: {},
};

// Lua's standard library: os.execute and io.popen hand a line to the shell (/bin/sh -c).
const LUA: SinkTable = {
  shell: ['os.execute', 'io.popen'],
  argv: [],
  code: [],
  delete: { 'os.remove': RM_FILE },
};

const JAVASCRIPT: SinkTable = {
  shell: ['exec', 'execSync', 'child_process.exec', 'child_process.execSync', 'cp.exec', 'cp.execSync', '$', 'Bun.$', 'shelljs.exec', 'shell.exec'],
  argv: [
    'spawn',
    'spawnSync',
    'execFile',
    'execFileSync',
    'child_process.spawn',
    'child_process.spawnSync',
    'child_process.execFile',
    'child_process.execFileSync',
    'Bun.spawn',
    'Bun.spawnSync',
    'Deno.Command',
    'execa',
    'execaSync',
  ],
  code: ['eval', 'Function', 'vm.runInThisContext', 'vm.runInNewContext'],
  delete: {
    rmSync: RM_RECURSIVE,
    rm: RM_RECURSIVE,
    'fs.rmSync': RM_RECURSIVE,
    'fs.rm': RM_RECURSIVE,
    'fs.promises.rm': RM_RECURSIVE,
    'fsp.rm': RM_RECURSIVE,
    rmdirSync: RM_RECURSIVE,
    rmdir: RM_RECURSIVE,
    'fs.rmdirSync': RM_RECURSIVE,
    'fs.rmdir': RM_RECURSIVE,
    unlinkSync: RM_FILE,
    unlink: RM_FILE,
    'fs.unlinkSync': RM_FILE,
    'fs.unlink': RM_FILE,
    'fs.promises.unlink': RM_FILE,
    'fs.truncateSync': RM_FILE,
    'fs.writeFileSync': WRITE_FILE,
    'fs.writeFile': WRITE_FILE,
    'fs.promises.writeFile': WRITE_FILE,
    writeFileSync: WRITE_FILE,
    'fs.createWriteStream': WRITE_FILE,
    createWriteStream: WRITE_FILE,
    'fs.openSync': OPEN_FOR_WRITING,
    'fse.removeSync': RM_RECURSIVE,
    'fse.remove': RM_RECURSIVE,
    removeSync: RM_RECURSIVE,
    'fs.removeSync': RM_RECURSIVE,
    rimraf: RM_RECURSIVE,
    'rimraf.sync': RM_RECURSIVE,
    rimrafSync: RM_RECURSIVE,
    'shell.rm': RM_RECURSIVE,
    'shelljs.rm': RM_RECURSIVE,
    'Deno.remove': RM_RECURSIVE,
    'Deno.removeSync': RM_RECURSIVE,
  },
  methods: ['execSync', 'execFileSync', 'spawnSync', 'rmSync', 'rmdirSync', 'unlinkSync'],
};

// PowerShell's cmdlets are read by their own reader (powershell.ts), not as calls.
const POWERSHELL: SinkTable = { shell: [], argv: [], code: [], delete: {} };

// R: `system("…")` and `system2(cmd, args)` run programs (system through sh); `unlink(x,
// recursive = TRUE)` removes a tree (the keyword is read in calls.ts), `file.remove` files.
const R: SinkTable = {
  shell: ['system', 'base.system', 'shell'],
  argv: ['system2', 'base.system2', 'processx.run', 'sys.exec_wait', 'sys.exec_internal'],
  code: ['eval', 'evalq', 'source'],
  delete: {
    unlink: RM_FILE,
    'base.unlink': RM_FILE,
    'file.remove': RM_FILE,
    'base.file.remove': RM_FILE,
    'fs.dir_delete': RM_RECURSIVE,
    'fs.file_delete': RM_FILE,
  },
};

// Julia: `run(\`rm -rf /x\`)` (backticks are a command, read in tokens.ts), `rm(p; recursive=true)`.
const JULIA: SinkTable = {
  shell: [],
  argv: [],
  code: ['eval', 'include_string', 'Meta.parse'],
  delete: { rm: RM_FILE, 'Base.rm': RM_FILE, 'Filesystem.rm': RM_FILE, 'Base.Filesystem.rm': RM_FILE },
};

// Tcl is read by its own word reader (tcl-code.ts): `exec PROG ARGS…`, `file delete -force`.
const TCL: SinkTable = { shell: [], argv: [], code: [], delete: {} };

export const SINKS: Readonly<Record<Language, SinkTable>> = {
  python: PYTHON,
  ruby: RUBY,
  perl: PERL,
  php: PHP,
  awk: AWK,
  javascript: JAVASCRIPT,
  lua: LUA,
  powershell: POWERSHELL,
  r: R,
  julia: JULIA,
  tcl: TCL,
};

export type SinkKind = 'shell' | 'argv' | 'code' | 'delete';

/** The kind of call a dotted name is, trying the full chain then shorter suffixes (`x.os.system`). */
export function sinkOf(language: Language, chain: string): { kind: SinkKind; name: string; spec?: DeleteSpec } | undefined {
  const table = SINKS[language];
  const parts = chain.split('.');
  for (let start = 0; start < parts.length; start++) {
    const name = parts.slice(start).join('.');
    // A bare name matches only a bare call: `items.remove(x)` is not `remove(x)`; `x.os.system` is
    // `os.system`. A distinctive method name matches on any receiver (`c.execSync`).
    if (start > 0 && !name.includes('.') && !table.methods?.includes(name)) break;
    if (table.shell.includes(name)) return { kind: 'shell', name };
    if (table.argv.includes(name)) return { kind: 'argv', name };
    if (table.code.includes(name)) return { kind: 'code', name };
    if (Object.hasOwn(table.delete, name)) return { kind: 'delete', name, spec: table.delete[name]! };
  }
  return undefined;
}
