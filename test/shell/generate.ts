// Generated shell lines for the prefilter's property tests: random combinations of command words
// (plain, quoted, built from variables, ANSI-C quoting, empty expansions, globs, functions, brace
// expansion), arguments, redirections and separators, from a seed (failures are reproducible).

/** mulberry32: small, seeded, good enough to pick words. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMMANDS = [
  'rm',
  'dd',
  'mkfs.ext4',
  'git',
  'kubectl',
  'psql',
  'echo',
  'ls',
  'cat',
  'cp',
  'mv',
  'tee',
  'truncate',
  'python3',
  'node',
  'bash',
  'sh',
  'xargs',
  'find',
  'chmod',
  'docker',
  'terraform',
  'dropdb',
  'redis-cli',
  'shred',
  'printf',
  'true',
  'make',
  'npm',
  'yarn',
  'sudo',
  'env',
  'wipefs',
  'crontab',
  'gitlab-ctl',
  'zfs',
];
const ARGS = [
  '-rf',
  '-f',
  '/',
  '/data',
  '/dev/sda',
  '/var/lib/postgresql/15/main',
  '.',
  '*',
  '--force',
  'push',
  'delete',
  'ns',
  'prod',
  '-c',
  'DROP TABLE users',
  'FLUSHALL',
  'of=/dev/sda',
  'if=/dev/zero',
  'x.txt',
  '-r',
  'destroy',
  '-auto-approve',
  'origin',
  'main',
  '-s',
  '0',
  'cleanse',
  '-e',
  'rm -rf /data',
  '$HOME',
  '${DIR}',
  '$(echo rm)',
  '`echo x`',
  '-x',
  'system prune',
  '-a',
  '--volumes',
];
const REDIRECTS = [
  '> /dev/sda',
  '>> out.txt',
  '2>/dev/null',
  '> /var/lib/postgresql/15/main/PG_VERSION',
  '< in.txt',
  '<<< "rm -rf /data"',
  '>/dev/null 2>&1',
  '> /dev/nvme0n1',
  '&> log.txt',
];
const SEPARATORS = [' ; ', ' && ', ' || ', ' | ', ' & ', '\n'];

function commandWord(pick: <T>(items: readonly T[]) => T, chance: (p: number) => boolean): { prefix: string; word: string } {
  const name = pick(COMMANDS);
  if (!chance(0.4)) return { prefix: '', word: name };
  const hex = [...name].map((char) => `\\x${char.charCodeAt(0).toString(16)}`).join('');
  const forms = [
    { prefix: `a=${name}; `, word: '$a' },
    { prefix: `a=${name}; `, word: '"$a"' },
    { prefix: '', word: `$'${hex}'` },
    { prefix: '', word: `${name[0]}\${X}${name.slice(1)}` },
    { prefix: '', word: `${name[0]}$X${name.slice(1)}` },
    { prefix: '', word: `"${name[0]}"'${name.slice(1)}'` },
    { prefix: '', word: `\\${name}` },
    { prefix: '', word: `/usr/bin/${name}` },
    { prefix: '', word: `${name.slice(0, -1)}?` },
    { prefix: '', word: `${name.slice(0, -1)}[${name.slice(-1)}]` },
    { prefix: `f() { ${name} "$@"; }; `, word: 'f' },
    { prefix: '', word: `{${name},x}` },
  ];
  return pick(forms);
}

export function generate(seed: number): string {
  const next = random(seed);
  const chance = (p: number) => next() < p;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const commands: string[] = [];
  const count = 1 + Math.floor(next() * 2);
  for (let i = 0; i < count; i++) {
    const { prefix, word } = commandWord(pick, chance);
    const args: string[] = [];
    const argCount = Math.floor(next() * 4);
    for (let j = 0; j < argCount; j++) {
      const arg = pick(ARGS);
      args.push(chance(0.3) ? `'${arg}'` : chance(0.2) ? `"${arg}"` : /\s/.test(arg) ? `"${arg}"` : arg);
    }
    if (chance(0.3)) args.push(pick(REDIRECTS));
    commands.push(`${prefix}${word}${args.length > 0 ? ' ' : ''}${args.join(' ')}`);
  }
  return commands.reduce((line, command) => (line === '' ? command : `${line}${pick(SEPARATORS)}${command}`), '');
}
