// A crontab installed from the line runs its entries later: each entry's command is judged now.
import { describe, expect, it } from 'vitest';
import { crontabCommands } from '../../src/parse/crontab.js';
import { extractInvocations } from '../../src/parse/invocations.js';

const commands = (line: string) =>
  extractInvocations(line, { env: {}, cwd: '/home/dev', home: '/home/dev' }).invocations.map((inv) => [inv.name, ...inv.args.map((a) => a.value)].join(' '));

describe('crontab', () => {
  it('reads the command of each entry, past five time fields or an @schedule', () => {
    const table = [
      '# nightly',
      'MAILTO=ops@example.com',
      '0 3 * * 1-5 /usr/local/bin/backup.sh --full',
      '@reboot rm -rf /srv/cache',
      '*/5 * * * * date +\\%s % input',
      '',
    ].join('\n');
    expect(crontabCommands(table)).toEqual(['/usr/local/bin/backup.sh --full', 'rm -rf /srv/cache', 'date +%s ']);
  });

  it('judges the entries a line installs from a pipe, a group or a file written earlier', () => {
    expect(commands(`echo '* * * * * rm -rf /srv/data' | crontab -`)).toContain('rm -rf /srv/data');
    expect(commands(`(crontab -l; echo "0 3 * * * rm -rf /srv/data") | crontab -`)).toContain('rm -rf /srv/data');
    expect(commands(`echo '0 3 * * * rm -rf /srv/data' > /tmp/c && crontab /tmp/c`)).toContain('rm -rf /srv/data');
    // Listing, removing and editing install nothing from the line.
    expect(commands(`crontab -l | grep backup`)).toEqual(['crontab -l', 'grep backup']);
  });
});
