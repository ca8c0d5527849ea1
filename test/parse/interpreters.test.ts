// Interpreters (issue 11, class 3): what python/node/ruby/perl/php/awk code would run, as the
// shell lines and rm commands prodguard then judges.
import { describe, expect, it } from 'vitest';
import { analyzeInterpreterCode } from '../../src/parse/interpreters/index.js';
import { extractInvocations } from '../../src/parse/invocations.js';

const commands = (line: string) =>
  extractInvocations(line, { env: {}, cwd: '/home/dev', home: '/home/dev' }).invocations.map((inv) => [inv.name, ...inv.args.map((a) => a.value)].join(' '));

describe('interpreted code', () => {
  it('runs the shell strings it hands to a shell, in every language', () => {
    expect(analyzeInterpreterCode('python', 'import os\nos.system("rm -rf " + "/srv")')).toEqual([{ kind: 'shell', text: 'rm -rf /srv', sink: 'os.system' }]);
    expect(analyzeInterpreterCode('ruby', 'system "dropdb app"; %x{rm -rf /srv}')).toEqual([
      { kind: 'shell', text: 'dropdb app', sink: 'system' },
      { kind: 'shell', text: 'rm -rf /srv', sink: 'backticks' },
    ]);
    expect(analyzeInterpreterCode('perl', 'qx{rm -rf /srv}; system("rm", "-rf", "/data")')).toEqual([
      { kind: 'shell', text: 'rm -rf /srv', sink: 'backticks' },
      { kind: 'argv', words: ['rm', '-rf', '/data'], sink: 'system' },
    ]);
    expect(analyzeInterpreterCode('javascript', "const { execSync } = require('child_process'); execSync(`rm -rf /srv`)")).toEqual([
      { kind: 'shell', text: 'rm -rf /srv', sink: 'execSync' },
    ]);
    expect(analyzeInterpreterCode('awk', 'BEGIN { print "rm -rf /srv" | "sh" }')).toEqual([{ kind: 'shell', text: 'rm -rf /srv', sink: 'print | sh' }]);
  });

  it('reads Lua with a real parser: os.execute and io.popen run shell lines, os.remove is rm', () => {
    expect(analyzeInterpreterCode('lua', 'os.execute("rm -rf " .. "/srv")')).toEqual([{ kind: 'shell', text: 'rm -rf /srv', sink: 'os.execute' }]);
    expect(analyzeInterpreterCode('lua', "local p = io.popen('dropdb app'); os.remove('/srv/data/db')")).toEqual([
      { kind: 'shell', text: 'dropdb app', sink: 'io.popen' },
      { kind: 'argv', words: ['rm', '-f', '/srv/data/db'], sink: 'os.remove' },
    ]);
    expect(analyzeInterpreterCode('lua', 'load("os.execute(\'rm -rf /srv\')")()')).toEqual([{ kind: 'shell', text: 'rm -rf /srv', sink: 'os.execute' }]);
    expect(analyzeInterpreterCode('lua', 'os.execute(cmd)')).toEqual([{ kind: 'dynamic', sink: 'os.execute' }]);
    expect(analyzeInterpreterCode('lua', 'print("os.execute(\'rm -rf /\')") -- os.execute("rm -rf /")')).toEqual([]);
    expect(commands(`lua -e 'os.execute("rm -rf /srv")'`)).toContain('rm -rf /srv');
  });

  it('knows distinctive child_process and fs methods on any receiver', () => {
    expect(analyzeInterpreterCode('javascript', "import('child_process').then((c) => c.execSync('rm -rf /srv'))")).toEqual([
      { kind: 'shell', text: 'rm -rf /srv', sink: 'execSync' },
    ]);
    expect(analyzeInterpreterCode('javascript', "const f = require('fs'); f.rmSync('/srv/data', { recursive: true })")).toEqual([
      { kind: 'argv', words: ['rm', '-rf', '/srv/data'], sink: 'rmSync' },
    ]);
    // A generic method name stays tied to its receiver.
    expect(analyzeInterpreterCode('javascript', "list.remove('/srv'); job.exec('rm -rf /srv')")).toEqual([]);
  });

  it('treats deletion calls as the rm they are', () => {
    expect(analyzeInterpreterCode('python', "import shutil; shutil.rmtree('/srv/data')")).toEqual([
      { kind: 'argv', words: ['rm', '-rf', '/srv/data'], sink: 'shutil.rmtree' },
    ]);
    expect(analyzeInterpreterCode('javascript', "fs.rmSync('/srv/data', { recursive: true })")).toEqual([
      { kind: 'argv', words: ['rm', '-rf', '/srv/data'], sink: 'fs.rmSync' },
    ]);
    expect(analyzeInterpreterCode('javascript', "fs.rmSync('/srv/data/file')")).toEqual([
      { kind: 'argv', words: ['rm', '-f', '/srv/data/file'], sink: 'fs.rmSync' },
    ]);
  });

  it('leaves printed strings, comments and method look-alikes alone', () => {
    expect(analyzeInterpreterCode('python', "print('rm -rf /')  # os.system('rm -rf /')")).toEqual([]);
    expect(analyzeInterpreterCode('python', "items.remove('/')")).toEqual([]);
    expect(analyzeInterpreterCode('javascript', "console.log('execSync(\"rm -rf /\")') // execSync('rm -rf /')")).toEqual([]);
    expect(analyzeInterpreterCode('javascript', 'rm -rf /')).toEqual([]);
  });

  it('marks a computed command as unseen, never as harmless', () => {
    expect(analyzeInterpreterCode('python', 'import os, sys; os.system(sys.argv[1])')).toEqual([{ kind: 'dynamic', sink: 'os.system' }]);
    expect(analyzeInterpreterCode('ruby', 'system("rm -rf #{dir}")')).toEqual([{ kind: 'dynamic', sink: 'system' }]);
  });

  it('reaches the commands inside -c/-e code and heredocs', () => {
    expect(commands(`python3 -c "import os; os.system('rm -rf /srv')"`)).toContain('rm -rf /srv');
    expect(commands("python3 - <<'EOF'\nimport shutil\nshutil.rmtree('/srv')\nEOF")).toContain('rm -rf /srv');
    expect(commands(`perl -lne 'system("rm -rf /srv")' file`)).toContain('rm -rf /srv');
    expect(commands(`node -p "require('child_process').execSync('dropdb app').toString()"`)).toContain('dropdb app');
    expect(commands('python3 script.py')).toEqual(['python3 script.py']);
  });

  it('turns SQL sent through a database driver into the client line it amounts to', () => {
    const env = { DATABASE_URL: 'postgres://app@db1.prod.example.com/app' };
    const withEnv = (line: string) =>
      extractInvocations(line, { env, cwd: '/home/dev', home: '/home/dev' }).invocations.map((inv) => [inv.name, ...inv.args.map((a) => a.value)].join(' '));
    expect(commands(`python3 -c 'import psycopg2; c=psycopg2.connect("postgresql://app@prod-db/app"); c.cursor().execute("DROP TABLE users")'`)).toContain(
      'psql postgresql://app@prod-db/app -c DROP TABLE users',
    );
    expect(withEnv(`python3 -c "import psycopg2, os; c = psycopg2.connect(os.environ['DATABASE_URL']); c.cursor().execute('DROP TABLE users')"`)).toContain(
      'psql postgres://app@db1.prod.example.com/app -c DROP TABLE users',
    );
    expect(
      commands(
        `python3 -c 'from sqlalchemy import create_engine, text; create_engine("postgresql+psycopg2://app@prod-db/app").connect().execute(text("TRUNCATE users"))'`,
      ),
    ).toContain('psql postgresql://app@prod-db/app -c TRUNCATE users');
    expect(
      commands(`python3 -c 'import pymysql; pymysql.connect(host="prod-db", user="app", database="shop").cursor().execute("DELETE FROM users")'`),
    ).toContain('mysql -h prod-db -u app -e DELETE FROM users shop');
    expect(
      withEnv(
        `node -e "const {Client}=require('pg'); const c=new Client({connectionString: process.env.DATABASE_URL}); c.connect().then(()=>c.query('DELETE FROM users'))"`,
      ),
    ).toContain('psql postgres://app@db1.prod.example.com/app -c DELETE FROM users');
    expect(commands(`ruby -e 'require "pg"; PG.connect("postgresql://app@prod-db/app").exec("DROP TABLE users")'`)).toContain(
      'psql postgresql://app@prod-db/app -c DROP TABLE users',
    );
    expect(commands(`perl -MDBI -e 'DBI->connect("dbi:Pg:dbname=app;host=prod-db")->do("DROP TABLE users")'`)).toContain(
      'psql -h prod-db -d app -c DROP TABLE users',
    );
  });

  it('reads SQL the code computes as SQL nobody can judge, and leaves code without a driver alone', () => {
    const [sql] = extractInvocations(`python3 -c 'import psycopg2, sys; psycopg2.connect("postgresql://prod-db/app").cursor().execute(sys.argv[1])'`, {
      env: {},
      cwd: '/home/dev',
      home: '/home/dev',
    }).invocations.filter((inv) => inv.name === 'psql');
    expect(sql?.stdin).toEqual({ kind: 'pipe' });
    expect(analyzeInterpreterCode('python', 'import sqlite3; sqlite3.connect("app.db").execute("DROP TABLE users")')).toEqual([]);
    expect(analyzeInterpreterCode('python', 'import re; re.compile("x").execute("DROP TABLE users")')).toEqual([]);
  });

  it('follows names bound to child_process and fs members in JavaScript', () => {
    expect(analyzeInterpreterCode('javascript', 'const { execSync: x } = require("child_process"); x("rm -rf /srv")')).toEqual([
      { kind: 'shell', text: 'rm -rf /srv', sink: 'child_process.execSync' },
    ]);
    expect(analyzeInterpreterCode('javascript', "require('fs/promises').rm('/srv/data', { recursive: true, force: true })")).toEqual([
      { kind: 'argv', words: ['rm', '-rf', '/srv/data'], sink: 'fs.promises.rm' },
    ]);
    expect(analyzeInterpreterCode('javascript', "import('node:fs/promises').then((f) => f.rm('/srv/data', { recursive: true }))")).toEqual([
      { kind: 'argv', words: ['rm', '-rf', '/srv/data'], sink: 'fs.promises.rm' },
    ]);
    expect(analyzeInterpreterCode('javascript', "const { rm } = require('fs/promises'); rm('/srv/data/x.log')")).toEqual([
      { kind: 'argv', words: ['rm', '-f', '/srv/data/x.log'], sink: 'rm' },
    ]);
  });

  it('follows functions called by name: PHP array_map/call_user_func, Python map', () => {
    expect(analyzeInterpreterCode('php', 'array_map("unlink", glob("/srv/data/*"));')).toEqual([
      { kind: 'argv', words: ['rm', '-f', '/srv/data/*'], sink: 'unlink' },
    ]);
    expect(analyzeInterpreterCode('php', 'call_user_func("system", "rm -rf /srv");')).toEqual([{ kind: 'shell', text: 'rm -rf /srv', sink: 'system' }]);
    expect(analyzeInterpreterCode('python', 'import os, glob; list(map(os.remove, glob.glob("/srv/*")))')).toEqual([
      { kind: 'argv', words: ['rm', '-f', '/srv/*'], sink: 'os.remove' },
    ]);
    expect(analyzeInterpreterCode('php', 'print_r(array_map("strtoupper", ["a", "b"]));')).toEqual([]);
  });

  it('runs the command an awk program prints into, with what it prints on standard input', () => {
    expect(analyzeInterpreterCode('awk', 'BEGIN { print "FLUSHALL" | "redis-cli -h cache" }')).toEqual([
      { kind: 'shell', text: 'redis-cli -h cache', sink: 'print | command', input: { text: 'FLUSHALL\n' } },
    ]);
    expect(analyzeInterpreterCode('awk', '{ print $1 | "sort" }')).toEqual([{ kind: 'shell', text: 'sort', sink: 'print | command', input: {} }]);
    const [redis] = extractInvocations(`awk 'BEGIN{ print "FLUSHALL" | "redis-cli -h prod-redis" }'`, {
      env: {},
      cwd: '/home/dev',
      home: '/home/dev',
    }).invocations.filter((inv) => inv.name === 'redis-cli');
    expect(redis?.stdin).toEqual({ kind: 'pipe', text: 'FLUSHALL\n' });
  });

  it('reads PowerShell command mode: Remove-Item and its aliases are rm, computed paths are unseen', () => {
    expect(analyzeInterpreterCode('powershell', 'Remove-Item -Recurse -Force /srv/data')).toEqual([
      { kind: 'argv', words: ['rm', '-rf', '/srv/data'], sink: 'Remove-Item' },
    ]);
    expect(analyzeInterpreterCode('powershell', "ri -Path '/srv/data' -r -fo")).toEqual([{ kind: 'argv', words: ['rm', '-rf', '/srv/data'], sink: 'ri' }]);
    expect(analyzeInterpreterCode('powershell', 'rm -rf /srv/data')).toEqual([{ kind: 'argv', words: ['rm', '-rf', '/srv/data'], sink: 'rm' }]);
    expect(analyzeInterpreterCode('powershell', 'Get-ChildItem /srv | Remove-Item -Recurse')).toEqual([{ kind: 'dynamic', sink: 'Remove-Item' }]);
    expect(analyzeInterpreterCode('powershell', 'Remove-Item -Recurse ./build -WhatIf; $PSVersionTable; Get-Process')).toEqual([]);
    expect(analyzeInterpreterCode('powershell', 'Format-Volume -DriveLetter D')).toEqual([{ kind: 'dynamic', sink: 'Format-Volume' }]);
    expect(commands(`pwsh -NoProfile -Command Remove-Item -Recurse /srv/data`)).toContain('rm -rf /srv/data');
    const encoded = Buffer.from('Remove-Item -Recurse /srv/data', 'utf16le').toString('base64');
    expect(commands(`powershell -enc ${encoded}`)).toContain('rm -rf /srv/data');
    expect(commands('pwsh ./deploy.ps1')).toEqual(['pwsh ./deploy.ps1']);
  });
});
