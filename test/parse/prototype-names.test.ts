// Names that Object.prototype holds (`constructor`, `toString`, `__proto__`, …) are ordinary
// names in a shell line: a variable, function, alias, array, command word, host or table called
// that must be judged exactly like one called anything else. Before the name tables had no
// prototype, `constructor=/; rm -rf $constructor` ended in an internal error and `npm run
// toString` read Object's toString as a package script.
import { describe, expect, it } from 'vitest';
import { checkLine } from '../../src/engine/check-line.js';
import { builtinRules } from '../helpers/rules.js';
import { sqlFactsForTest } from '../helpers/sql.js';

const rules = await builtinRules();
const sqlFor = await sqlFactsForTest();

const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__'];
const PLAIN = 'plainname';

/** Each shape uses N where the name goes. */
const SHAPES = [
  'N=/ ; rm -rf $N',
  'N=/srv; rm -rf "$N"/*',
  'rm -rf "$N/"',
  'N+=(/); rm -rf ${N[@]}',
  'N=(/ /x); rm -rf "${N[@]}"',
  'declare -A N=([k]=/); rm -rf ${N[k]}',
  'declare -A m=([N]=/); rm -rf ${m[N]}',
  'N() { rm -rf /; }; N',
  'alias N="rm -rf /"; N',
  'target=/; declare -n N=target; rm -rf $N',
  'N=$(tr a-z n-za-m <<< "ez -es /"); $N',
  'N=dropdb; $N -h db.prod.example.com app',
  'export N=/; rm -rf $N',
  'N=1 psql -h db.prod.example.com -c "drop table users"',
  'env N=1 rm -rf /',
  'psql -h db.prod.example.com -c "drop table N"',
  'psql -h db.prod.example.com -c "select N()"',
  'psql -h db.prod.example.com -c "delete from N"',
  'for N in / /x; do rm -rf $N; done',
  'set -- N; rm -rf /$1',
  'N',
  'N -rf /',
  'sudo N',
  'echo hi | N',
  'ssh N rm -rf /var/lib/postgresql',
  'kubectl --context N delete namespace app',
  'npm run N',
  'make N',
  'git N',
  'terraform N',
  'aws N',
];

function judge(line: string) {
  const analysis = checkLine(line, {
    rules,
    env: { HOME: '/home/dev', PATH: '/usr/bin:/bin' },
    home: '/home/dev',
    cwd: '/home/dev/project',
    hostname: 'workstation',
    sqlFor,
  });
  return { verdict: analysis.verdict, rules: analysis.findings.map((f) => `${f.severity} ${f.rule}`).sort(), errors: analysis.errors.length };
}

describe('names Object.prototype holds are ordinary names', () => {
  for (const shape of SHAPES) {
    it(shape, () => {
      const plain = judge(shape.replaceAll('N', PLAIN));
      for (const name of PROTOTYPE_NAMES) {
        const line = shape.replaceAll('N', name);
        expect(judge(line), line).toEqual(plain);
      }
    });
  }

  it('the shapes include lines that must stop (the comparison is not all allow)', () => {
    const stopped = SHAPES.filter((shape) => judge(shape.replaceAll('N', PLAIN)).verdict !== 'allow');
    expect(stopped.length).toBeGreaterThanOrEqual(15);
  });
});
