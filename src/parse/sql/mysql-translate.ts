// MySQL expressions in PostgreSQL syntax (parse stage, pure), so PostgreSQL's own parser can judge
// a MySQL WHERE clause. Operators PostgreSQL reads differently are rewritten (`DIV`, `&&`, `||` as
// OR under MySQL's default sql_mode, `<=>`); anything with no faithful translation gives undefined.
import type { MyToken } from './mysql-lexer.js';

/** Tokens `from` up to (not including) `to` as PostgreSQL expression text, or undefined. */
export function translateToPostgres(T: MyToken[], from: number, to: number): string | undefined {
  const parts: string[] = [];
  for (let k = from; k < to; k++) {
    const t = T[k] as MyToken;
    switch (t.type) {
      case 'word': {
        const u = t.value.toUpperCase();
        if (u === 'XOR' || u === 'SOUNDS' || u === 'MATCH' || u === 'AGAINST' || u === 'INTERVAL') return undefined;
        if (u === 'DIV') parts.push('/');
        else if (u === 'MOD') parts.push('%');
        else if (u === 'REGEXP' || u === 'RLIKE') parts.push('~');
        else if (u === 'BINARY') continue;
        else parts.push(t.value);
        break;
      }
      case 'qident':
        parts.push(`"${t.value.replace(/"/g, '""')}"`);
        break;
      case 'string':
        parts.push(t.prefix === 'X' || t.prefix === 'B' ? `${t.prefix}'${t.value}'` : `'${t.value.replace(/'/g, "''")}'`);
        break;
      case 'variable':
        return undefined;
      case 'param':
        parts.push('$1');
        break;
      case 'op':
        if (t.value === '&&') parts.push('AND');
        else if (t.value === '||')
          parts.push('OR'); // MySQL's default sql_mode: || is OR
        else if (t.value === '!') parts.push('NOT');
        else if (t.value === '<=>') parts.push('IS NOT DISTINCT FROM');
        else if (t.value === ':=' || t.value === '->' || t.value === '->>') return undefined;
        else parts.push(t.value);
        break;
      default:
        parts.push(t.value);
    }
  }
  return parts.join(' ');
}
