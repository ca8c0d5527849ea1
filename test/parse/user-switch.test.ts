// A command run as another user (sudo -u, su, runuser) sees that user's home and, unless the
// caller asked to keep it, not the caller's environment: sudoers' env_reset keeps only a short
// list (plugins/sudoers/env.c), `su -` clears all but TERM, plain `su` keeps it and sets HOME.
import { describe, expect, it } from 'vitest';
import { extractInvocations } from '../../src/parse/invocations.js';

const CALLER = {
  HOME: '/home/dev',
  PATH: '/usr/bin:/bin',
  TERM: 'xterm',
  LC_ALL: 'C.UTF-8',
  PGHOST: 'db.prod.example.com',
  PGSERVICEFILE: '/home/dev/services.conf',
  DATABASE_URL: 'postgres://db.prod.example.com/app',
};
const HOMES = { postgres: '/var/lib/postgresql', deploy: '/srv/deploy', root: '/root' };

/** The innermost command named `name`: its HOME, cwd, and which of the caller's PG variables it sees. */
function seen(line: string, name = 'psql', userHomes: Record<string, string> = HOMES) {
  const inv = extractInvocations(line, { env: CALLER, cwd: '/home/dev/app', home: '/home/dev', userHomes }).invocations.findLast((i) => i.name === name);
  if (!inv) throw new Error(`no ${name} in ${line}`);
  return {
    home: inv.env.HOME,
    cwd: inv.cwd,
    pghost: inv.env.PGHOST,
    serviceFile: inv.env.PGSERVICEFILE,
    url: inv.env.DATABASE_URL,
    path: inv.env.PATH,
    kept: [inv.env.TERM, inv.env.LC_ALL],
  };
}

describe('sudo: env_reset by default, the target user home', () => {
  it('sudo -u USER resets PG* and DATABASE_URL, keeps PATH, TERM and LC_*, and sets HOME to the user home', () => {
    expect(seen('sudo -u postgres psql app')).toEqual({
      home: '/var/lib/postgresql',
      cwd: '/home/dev/app',
      pghost: undefined,
      serviceFile: undefined,
      url: undefined,
      path: '/usr/bin:/bin',
      kept: ['xterm', 'C.UTF-8'],
    });
    expect(seen('sudo --user=deploy psql app').home).toBe('/srv/deploy');
    expect(seen('sudo --user deploy psql app').home).toBe('/srv/deploy');
    expect(seen('sudo psql app').home).toBe('/root');
  });

  it('the home is the user database answer; without one, a guess by name', () => {
    expect(seen('sudo -u deploy psql app', 'psql', {}).home).toBe('/home/deploy');
    expect(seen('sudo -u postgres psql app', 'psql', {}).home).toBe('/var/lib/postgresql');
  });

  it('sudo -iu USER is a login shell: reset, HOME and the working directory are the user home', () => {
    expect(seen('sudo -iu postgres psql app')).toMatchObject({ home: '/var/lib/postgresql', cwd: '/var/lib/postgresql', pghost: undefined });
    // A login shell resets even with -E (env.c: env_reset || MODE_LOGIN_SHELL).
    expect(seen('sudo -E -iu deploy psql app')).toMatchObject({ home: '/srv/deploy', pghost: undefined });
  });

  it('sudo -E / --preserve-env keeps the caller environment, HOME included (sudoers turns env_reset off)', () => {
    expect(seen('sudo -E -u postgres psql app')).toMatchObject({ home: '/home/dev', pghost: 'db.prod.example.com', serviceFile: '/home/dev/services.conf' });
    expect(seen('sudo --preserve-env -u postgres psql app')).toMatchObject({ home: '/home/dev', pghost: 'db.prod.example.com' });
    // -H sets HOME even then.
    expect(seen('sudo -E -H -u postgres psql app')).toMatchObject({ home: '/var/lib/postgresql', pghost: 'db.prod.example.com' });
  });

  it('--preserve-env=LIST keeps only those besides the defaults; VAR=value on the sudo line is set after the reset', () => {
    expect(seen('sudo --preserve-env=PGHOST,PGSERVICEFILE -u deploy psql app')).toMatchObject({
      home: '/srv/deploy',
      pghost: 'db.prod.example.com',
      serviceFile: '/home/dev/services.conf',
      url: undefined,
    });
    expect(seen('sudo -u deploy PGHOST=db2.example.com psql app')).toMatchObject({ home: '/srv/deploy', pghost: 'db2.example.com' });
  });

  it('sudo -D DIR starts in DIR', () => {
    expect(seen('sudo -u deploy -D /srv/app psql app').cwd).toBe('/srv/app');
  });

  it('a remote sudo (ssh db1 sudo -u postgres …) keeps an unknown environment', () => {
    const inv = extractInvocations("ssh db1 'sudo -u postgres psql app'", { env: CALLER, cwd: '/', home: '/home/dev', userHomes: HOMES }).invocations.findLast(
      (i) => i.name === 'psql',
    )!;
    expect(inv.envUnknown).toBe(true);
    expect(inv.host.kind).toBe('ssh');
  });
});

describe('su and runuser (util-linux)', () => {
  it('su - USER -c / su -l USER -c: a login shell with a cleared environment in the user home', () => {
    expect(seen("su - deploy -c 'psql app'")).toMatchObject({ home: '/srv/deploy', cwd: '/srv/deploy', pghost: undefined, url: undefined, path: undefined });
    expect(seen("su -l postgres -c 'psql app'")).toMatchObject({ home: '/var/lib/postgresql', pghost: undefined, kept: ['xterm', undefined] });
  });

  it('plain su USER -c keeps the environment but sets HOME; -m/-p keep HOME too', () => {
    expect(seen("su deploy -c 'psql app'")).toMatchObject({ home: '/srv/deploy', cwd: '/home/dev/app', pghost: 'db.prod.example.com' });
    expect(seen("su -m deploy -c 'psql app'")).toMatchObject({ home: '/home/dev', pghost: 'db.prod.example.com' });
  });

  it('runuser -u USER -- CMD: HOME is the user home, the environment kept; runuser -l resets', () => {
    expect(seen('runuser -u deploy -- psql app')).toMatchObject({ home: '/srv/deploy', pghost: 'db.prod.example.com' });
    expect(seen("runuser -l deploy -c 'psql app'")).toMatchObject({ home: '/srv/deploy', cwd: '/srv/deploy', pghost: undefined });
  });
});
